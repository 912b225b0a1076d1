package com.acme.goals.crmlink.web;

import com.acme.goals.contracts.period.Period;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** crm-link's reader of the linked customers' records against a scoring-service stand-in on a real port. */
class ScoringRecordsTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer scoring;

    @BeforeEach
    void standInScoringAndACaller() throws IOException {
        scoring = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        scoring.createContext("/api/actuals/", exchange -> {
            asked.add(exchange.getRequestURI().getRawQuery());
            byte[] body = """
                    {"ownerId":"E-1","periodKey":"2026-W10","firstDay":"2026-03-02","lastDay":"2026-03-08","records":[
                     {"activityId":"a-1","type":"crm.payment.received","ref":"payment/P-1","recordIdField":"paymentId",
                      "recordId":"P-1","subject":"payment/17","customerId":"C-1&2","day":"2026-03-03",
                      "at":"2026-03-03T02:15:00Z","deltas":[{"metric":"payment_collection","amount":"125000.00","unit":"CNY"}]}]}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        scoring.start();
        Jwt jwt = Jwt.withTokenValue("the-callers-token").header("alg", "HS256").subject("E-1").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    @AfterEach
    void stop() {
        scoring.stop(0);
        SecurityContextHolder.clearContext();
    }

    private ScoringRecords reader() {
        return new ScoringRecords(RestClient.builder(), "http://127.0.0.1:" + scoring.getAddress().getPort(), Duration.ofSeconds(2));
    }

    @Test
    void asks_for_the_period_and_each_customer_encoded_and_reads_the_records_back() {
        List<ScoringRecords.Recorded> records = reader().of("E-1", Period.parse("2026-W10"), List.of("C-1&2", "C 3"));

        assertThat(asked).containsExactly("periodKey=2026-W10&customerId=C-1%262&customerId=C%203"); // a value's & is no separator
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.customerId()).isEqualTo("C-1&2");
            assertThat(r.day()).isEqualTo(LocalDate.of(2026, 3, 3));
            assertThat(r.deltas().get(0).amount()).isEqualTo("125000.00");
        });
    }

    @Test
    void more_customers_than_scoring_answers_at_once_are_asked_in_turns() {
        List<String> customers = IntStream.range(0, ScoringRecords.MOST_CUSTOMERS_A_CALL + 20).mapToObj(i -> "C-" + i).toList();

        assertThat(reader().of("E-1", Period.parse("2026-W10"), customers)).hasSize(2);
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1)).startsWith("periodKey=2026-W10&customerId=C-100&").endsWith("customerId=C-119");
    }
}
