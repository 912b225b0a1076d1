package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton of the foundation issue, through the gateway only: register an employee with a
 * supervisor, set a WEEK goal of payment_collection 100000 CNY, publish a crm.payment.received of 25000.00 to
 * crm.activity, and see 25% on the goal's progress. Subclasses choose where Kafka and MongoDB come from.
 */
abstract class SkeletonFlow extends StackTest {

    @Test
    void a_payment_on_kafka_shows_as_25_percent_of_the_week_goal_through_the_gateway() throws Exception {
        Team team = registerTeam();
        Today.Week lastWeek = today.week(-1);
        String goalId = setWeekGoal(team, lastWeek.key());
        String event = payment("crm-" + UUID.randomUUID(), team.employee(), lastWeek.at(TUESDAY, "10:15"), "25000.00");
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), event);

        assertThat(awaitActual(team, goalId, "25000.00")).isEqualTo("25.00");

        publishDuplicateAndWaitPastIt(team, event);
        assertThat(awaitActual(team, goalId, "25000.00")).as("the same CloudEvent twice counts once").isEqualTo("25.00");

        Api.Reply bySupervisor = api.get("/api/progress/goals/" + goalId, token(team.supervisor(), "SUPERVISOR"));
        assertThat(bySupervisor.status()).isEqualTo(200);
        Api.Reply byStranger = api.get("/api/progress/goals/" + goalId, token("E-stranger", "EMPLOYEE", "SUPERVISOR"));
        assertThat(byStranger.status()).isEqualTo(403);
        assertThat(byStranger.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_service_restarted_between_goal_and_payment_loses_nothing_and_counts_nothing_twice() throws Exception {
        Team team = registerTeam();
        Today.Week lastWeek = today.week(-1);
        String goalId = setWeekGoal(team, lastWeek.key());
        stack.restart("goal-service");    // the goal may not be on Kafka yet: the relay's token must hold
        stack.restart("scoring-service"); // offsets and read models must survive
        String event = payment("crm-" + UUID.randomUUID(), team.employee(), lastWeek.at(WEDNESDAY, "16:00"), "25000.00");
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), event);

        assertThat(awaitActual(team, goalId, "25000.00")).isEqualTo("25.00");
        publishDuplicateAndWaitPastIt(team, event);
        assertThat(awaitActual(team, goalId, "25000.00")).isEqualTo("25.00");
    }

    @Test
    void bad_inbound_events_land_on_the_dead_letter_topic_with_reason_and_original_bytes() throws Exception {
        String run = UUID.randomUUID().toString();
        String notJson = "{\"id\":\"" + run + "-1\", this is not json";
        String time = today.week(-1).at(TUESDAY, "10:15");
        String noOwner = payment(run + "-2", "X", time, "10.00").replace("\"ownerId\":\"X\",", "");
        String negative = payment(run + "-3", "E-042", time, "-10.00");
        Map<String, String> expected = Map.of(notJson, "body: not JSON", noOwner, "data.ownerId: required",
                negative, "data.amount: -10.00 is negative");
        for (String bad : expected.keySet()) {
            kafka.publish(Topics.CRM_ACTIVITY, run, bad);
        }

        List<ConsumerRecord<String, byte[]>> dead = kafka.readUntil(Topics.deadLetter(Topics.CRM_ACTIVITY),
                r -> run.equals(r.key()), 3, Duration.ofSeconds(60));

        assertThat(dead).hasSize(3);
        for (ConsumerRecord<String, byte[]> record : dead) {
            String original = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(expected).containsKey(original);
            String reason = new String(record.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8);
            assertThat(reason).startsWith(expected.get(original));
        }
    }

    @Test
    void a_request_without_a_token_is_401_and_a_bad_body_is_400_as_problem_details() throws Exception {
        Api.Reply noToken = api.get("/api/goals/G-1", null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.contentType()).startsWith("application/problem+json");

        Api.Reply badToken = api.get("/api/goals/G-1", token("E-1", "ADMIN") + "x");
        assertThat(badToken.status()).isEqualTo(401);

        String supervisor = token("S-1", "SUPERVISOR");
        Api.Reply notJson = api.post("/api/goals", supervisor, "{\"ownerId\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");

        Api.Reply noTitle = api.post("/api/goals", supervisor, """
                {"ownerId":"E-1","periodType":"WEEK","periodKey":"%s"}""".formatted(today.week(0).key()));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.text("field")).isEqualTo("title");
        assertThat(noTitle.text("detail")).startsWith("title:");

        Team team = registerTeam();
        String noSuchWeek = today.date().getYear() + "-W60";
        Api.Reply badWeek = api.post("/api/goals", token(team.employee(), "EMPLOYEE"), """
                {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"t"}""".formatted(team.employee(), noSuchWeek));
        assertThat(badWeek.status()).isEqualTo(400);
        assertThat(badWeek.text("field")).isEqualTo("periodKey");
        assertThat(badWeek.text("detail")).contains(noSuchWeek);

        assertThat(badWeek.raw().headers().allValues("X-Request-Id")).hasSize(1);
    }
}
