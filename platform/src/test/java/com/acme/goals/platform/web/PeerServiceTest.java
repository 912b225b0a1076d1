package com.acme.goals.platform.web;

import com.acme.goals.platform.errors.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.web.client.RestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a service reads another on its caller's behalf, against a stand-in on a real port. */
class PeerServiceTest {

    private final StandInService other = StandInService.answering("{\"answer\":\"42\"}");

    record Answer(String answer) {
    }

    @AfterEach
    void stop() {
        other.close();
        StandInService.signOut();
        MDC.remove(RequestIds.MDC_KEY);
    }

    private static PeerService peer(String urls) {
        return new PeerService("other-service", RestClient.builder(), urls, Duration.ofMillis(800));
    }

    @Test
    void the_callers_own_token_and_request_id_go_along_and_each_variable_is_encoded() {
        StandInService.callerWithToken("E-1", "the-callers-token");
        MDC.put(RequestIds.MDC_KEY, "req-7");

        Answer answer = peer(other.url()).get("the answer", Answer.class, "/api/things/{id}?customerId={c}&customerId={d}",
                "E 1", "C-1&2", "C 3");

        assertThat(answer).isEqualTo(new Answer("42"));
        assertThat(other.asked()).containsExactly(new StandInService.Asked("/api/things/E%201",
                "customerId=C-1%262&customerId=C%203", "Bearer the-callers-token", "req-7")); // a value's & is no separator
    }

    @Test
    void an_instance_that_cannot_be_reached_is_passed_over_for_the_next() {
        StandInService.callerWithToken("E-1", "t");
        PeerService peer = peer(StandInService.nobodyListening() + ", " + other.url());

        assertThat(peer.get("the answer", Answer.class, "/a")).isEqualTo(new Answer("42"));
        assertThat(peer.get("the answer", Answer.class, "/a")).isEqualTo(new Answer("42"));
        assertThat(other.asked()).hasSize(2);
    }

    @Test
    void calls_take_the_instances_in_turn() {
        StandInService.callerWithToken("E-1", "t");
        try (StandInService second = StandInService.answering("{\"answer\":\"43\"}")) {
            PeerService peer = peer(other.url() + "," + second.url());

            for (int i = 0; i < 4; i++) {
                peer.get("the answer", Answer.class, "/a");
            }
            assertThat(other.asked()).hasSize(2);
            assertThat(second.asked()).hasSize(2);
        }
    }

    @Test
    void no_instance_answering_is_unavailable_naming_the_service_and_what_was_read() {
        StandInService.callerWithToken("E-1", "t");

        assertThatThrownBy(() -> peer(StandInService.nobodyListening()).get("the actuals of E-1", Answer.class, "/a"))
                .isInstanceOf(Unavailable.class).hasMessageContaining("other-service is not answering for the actuals of E-1");
    }

    @Test
    void an_answer_later_than_the_timeout_is_unavailable_not_a_wait() {
        StandInService.callerWithToken("E-1", "t");
        other.delay(Duration.ofSeconds(3));
        long began = System.nanoTime();

        assertThatThrownBy(() -> peer(other.url()).get("the answer", Answer.class, "/a")).isInstanceOf(Unavailable.class)
                .hasMessageContaining("other-service is not answering");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void instances_that_hang_cost_one_timeout_not_one_each() {
        StandInService.callerWithToken("E-1", "t");
        other.delay(Duration.ofSeconds(3));

        assertThatThrownBy(() -> peer(other.url() + "," + other.url()).get("the answer", Answer.class, "/a"))
                .isInstanceOf(Unavailable.class);
        assertThat(other.asked()).as("the second instance is not asked once the timeout has run out").hasSize(1);
    }

    @Test
    void a_refusal_or_an_error_is_unavailable_with_its_status_and_no_other_instance_is_asked() {
        StandInService.callerWithToken("E-1", "t");
        other.status(500);

        assertThatThrownBy(() -> peer(other.url() + "," + other.url()).get("the answer", Answer.class, "/a"))
                .isInstanceOf(Unavailable.class).hasMessageContaining("other-service answered 500 for the answer");
        assertThat(other.asked()).hasSize(1);
    }

    @Test
    void a_call_without_a_bearer_token_is_a_programming_error_not_a_call_as_someone_else() {
        StandInService.signOut();

        assertThatThrownBy(() -> peer(other.url()).get("the answer", Answer.class, "/a")).isInstanceOf(IllegalStateException.class);
        assertThat(other.asked()).isEmpty();
    }

    @Test
    void an_address_naming_no_instance_stops_the_start() {
        assertThatThrownBy(() -> peer(" , ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other-service");
    }
}
