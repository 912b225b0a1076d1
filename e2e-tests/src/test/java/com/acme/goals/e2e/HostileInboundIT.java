package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 117 malformed and hostile inbound events (src/test/resources/inbound/hostile.jsonl, made by make_corpus.py: truncated
 * JSON, wrong types, huge strings, unicode tricks, negative and non-decimal amounts, future times (a month ahead of the
 * stack's clock), duplicates, unknown
 * owners) through both transports: every bad one rejected with its reason or parked, every valid one counted once,
 * the dead-letter topic holding exactly the rejected ones.
 */
class HostileInboundIT extends StackTest {

    record Case(int line, String name, String expect, String reason, String raw) {
    }

    private List<Case> corpus(String run, String owner, String ghost) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        try (var in = getClass().getResourceAsStream("/inbound/hostile.jsonl")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            for (int i = 0; i < lines.size(); i++) {
                JsonNode c = json.readTree(lines.get(i));
                String raw = c.path("raw").asText().replace("{RUN}", run).replace("{OWNER}", owner).replace("{GHOST}", ghost)
                        .replace("{TIME}", today.week(-1).at(java.time.DayOfWeek.TUESDAY, "10:15"))
                        .replace("{FUTURE}", Today.at(today.date().plusDays(30), "00:00"));
                cases.add(new Case(i, c.path("case").asText(), c.path("expect").asText(), c.path("reason").asText(null), raw));
            }
        }
        return cases;
    }

    @Test
    void every_hostile_event_is_rejected_with_its_reason_or_parked_and_every_valid_one_counts_once() throws Exception {
        Team team = registerTeam();
        String goalId = new GoalTrees(api).set(token(team.supervisor(), "SUPERVISOR"), team.employee(), "WEEK", today.week(-1).key(), null,
                "last week", GoalTrees.cny("payment_collection", 100_000), "");
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));
        String integration = token("crm-core", "INTEGRATION");

        // over HTTP, one request per case: each answer says what became of it and why
        List<Case> http = corpus("h-" + UUID.randomUUID(), team.employee(), "E-ghost-" + UUID.randomUUID());
        assertThat(http).hasSizeGreaterThanOrEqualTo(100);
        BigDecimal validSum = BigDecimal.ZERO;
        for (Case c : http) {
            Api.Reply reply = api.post("/api/crm/activity", integration, c.raw());
            assertThat(reply.status()).as(c.name()).isEqualTo(202);
            JsonNode result = reply.body().at("/results/0");
            assertThat(reply.body().path("results")).as(c.name()).hasSize(1);
            assertThat(result.path("outcome").asText()).as(c.name() + " " + result).isEqualTo(c.expect());
            if (c.reason() != null) {
                assertThat(result.path("reason").asText()).as(c.name()).startsWith(c.reason());
            }
            if (c.expect().equals("ACCEPTED")) {
                validSum = validSum.add(new BigDecimal(new ObjectMapper().readTree(c.raw()).at("/data/amount").asText()));
            }
        }

        // over Kafka, with fresh ids: the dead-letter topic holds exactly the rejected ones, each with its reason
        String run = "k-" + UUID.randomUUID();
        List<Case> viaKafka = corpus(run, team.employee(), "E-ghost-" + UUID.randomUUID());
        Map<String, Case> byKey = new HashMap<>();
        for (Case c : viaKafka) {
            String key = "corpus-" + run + "-" + c.line();
            byKey.put(key, c);
            kafka.publish(Topics.CRM_ACTIVITY, key, c.raw());
        }
        long rejected = viaKafka.stream().filter(c -> c.expect().equals("REJECTED")).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp("crm-link-service", Topics.CRM_ACTIVITY));
        List<ConsumerRecord<String, byte[]>> dead = kafka.readUntil(Topics.deadLetter(Topics.CRM_ACTIVITY),
                r -> r.key() != null && r.key().startsWith("corpus-" + run), (int) rejected + 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize((int) rejected);
        for (ConsumerRecord<String, byte[]> record : dead) {
            Case c = byKey.get(record.key());
            assertThat(c.expect()).as(c.name()).isEqualTo("REJECTED");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).as(c.name()).isEqualTo(c.raw());
            assertThat(new String(record.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8)).as(c.name())
                    .startsWith(c.reason());
        }

        // the valid payments of both runs count once each
        BigDecimal expected = validSum.add(validSum);
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp("scoring-service.activity", Topics.CRM_EVENTS));
        JsonNode progress = api.get("/api/progress/goals/" + goalId, token(team.employee(), "EMPLOYEE")).body();
        assertThat(new BigDecimal(progress.at("/metrics/0/actual").asText())).isEqualByComparingTo(expected);
    }
}
