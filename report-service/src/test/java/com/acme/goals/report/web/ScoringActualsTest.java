package com.acme.goals.report.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.Unavailable;
import com.acme.goals.report.application.Actuals;
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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** report-service's reader of scoring's actuals against a scoring-service stand-in on a real port. */
class ScoringActualsTest {

    private static final Period WEEK = Period.parse("2026-W10");
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer scoring;
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;

    @BeforeEach
    void standInScoringAndACaller() throws IOException {
        scoring = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        scoring.createContext("/api/actuals/", exchange -> {
            asked.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = """
                    {"ownerId":"E-1","periodKey":"2026-W10","firstDay":"2026-03-02","lastDay":"2026-03-08","actuals":[
                     {"metric":"new_customers","unit":null,"amount":"2"},
                     {"metric":"payment_collection","unit":"CNY","amount":"58000.00"}]}""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // a thread per exchange, as a real server: a second call is not queued behind a slow first one
        scoring.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stand-in-scoring");
            thread.setDaemon(true);
            return thread;
        }));
        scoring.start();
        Jwt jwt = Jwt.withTokenValue("the-callers-token").header("alg", "HS256").subject("E-1").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    @AfterEach
    void stop() {
        scoring.stop(0);
        SecurityContextHolder.clearContext();
    }

    private String scoringUrl() {
        return "http://127.0.0.1:" + scoring.getAddress().getPort();
    }

    private ScoringActuals reader(String urls) {
        return new ScoringActuals(RestClient.builder(), urls, Duration.ofMillis(800));
    }

    @Test
    void reads_the_period_with_the_callers_own_token_and_keeps_amounts_as_scoring_wrote_them() {
        List<Actuals.Total> totals = reader(scoringUrl()).of("E-1", WEEK);

        assertThat(asked).containsExactly("/api/actuals/E-1?periodKey=2026-W10 Bearer the-callers-token");
        assertThat(totals).extracting(Actuals.Total::metric, Actuals.Total::unit, total -> total.amount().toPlainString())
                .containsExactly(tuple("new_customers", null, "2"),
                        tuple("payment_collection", "CNY", "58000.00"));
    }

    @Test
    void an_instance_that_cannot_be_reached_is_passed_over_for_the_next() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ScoringActuals reader = reader("http://127.0.0.1:" + closed + ", " + scoringUrl());

        assertThat(reader.of("E-1", WEEK)).hasSize(2);
        assertThat(reader.of("E-1", WEEK)).hasSize(2);
        assertThat(asked).hasSize(2);
    }

    @Test
    void no_instance_answering_is_unavailable_naming_scoring_service() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> reader("http://127.0.0.1:" + closed).of("E-1", WEEK))
                .isInstanceOf(Unavailable.class).hasMessageContaining("scoring-service is not answering").hasMessageContaining("2026-W10");
    }

    @Test
    void an_answer_later_than_the_timeout_is_unavailable_not_a_wait() {
        delay = Duration.ofSeconds(3);
        long began = System.nanoTime();

        assertThatThrownBy(() -> reader(scoringUrl()).of("E-1", WEEK)).isInstanceOf(Unavailable.class)
                .hasMessageContaining("scoring-service is not answering");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void instances_that_hang_cost_one_timeout_not_one_each() {
        delay = Duration.ofSeconds(3);

        assertThatThrownBy(() -> reader(scoringUrl() + "," + scoringUrl()).of("E-1", WEEK)).isInstanceOf(Unavailable.class);
        assertThat(asked).as("the second instance is not asked once the timeout has run out").hasSize(1);
    }

    @Test
    void a_refusal_or_an_error_from_scoring_is_unavailable_with_its_status() {
        status = 500;

        assertThatThrownBy(() -> reader(scoringUrl()).of("E-1", WEEK)).isInstanceOf(Unavailable.class)
                .hasMessageContaining("scoring-service answered 500");
    }
}
