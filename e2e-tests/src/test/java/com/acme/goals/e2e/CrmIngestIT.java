package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The doors for other systems: HTTP ingest beside Kafka, one pipeline; HR's feed on org.activity. */
class CrmIngestIT extends StackTest {

    @Test
    void http_ingest_answers_per_event_and_shares_de_duplication_with_kafka() throws Exception {
        Team team = registerTeam();
        String goalId = new GoalTrees(api).set(token(team.supervisor(), "SUPERVISOR"), team.employee(), "WEEK", "2026-W48", null,
                "week 48", GoalTrees.cny("payment_collection", 100_000), "");
        String integration = token("crm-core", "INTEGRATION");
        String good = SkeletonFlow.payment("crm-" + UUID.randomUUID(), team.employee(), "2026-11-24T10:15:00+08:00", "25000.00");
        String negative = SkeletonFlow.payment("crm-" + UUID.randomUUID(), team.employee(), "2026-11-24T10:15:00+08:00", "-1.00");
        // crm-link places activity in the owner's time zone: it must know the owner first
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));

        Api.Reply reply = api.post("/api/crm/activity", integration, "[" + good + "," + good + ",{\"hello\":1}," + negative + "]");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
        assertThat(reply.body().path("results").findValuesAsText("outcome")).containsExactly("ACCEPTED", "DUPLICATE", "REJECTED", "REJECTED");
        assertThat(reply.body().at("/results/2/reason").asText()).startsWith("specversion:");
        assertThat(reply.body().at("/results/3/reason").asText()).startsWith("data.amount: -1.00 is negative");

        Api.Reply notJson = api.post("/api/crm/activity", integration, "this is not json");
        assertThat(notJson.body().at("/results/0/reason").asText()).startsWith("body: not JSON");

        // the same CloudEvent on Kafka is the same event: still 25%
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), good);
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp("crm-link-service", Topics.CRM_ACTIVITY)
                && kafka.caughtUp("scoring-service.activity", Topics.CRM_EVENTS));
        JsonNode progress = api.get("/api/progress/goals/" + goalId, token(team.employee(), "EMPLOYEE")).body();
        assertThat(progress.at("/metrics/0/actual").asText()).isEqualTo("25000.00");
        assertThat(progress.at("/metrics/0/completionPercent").asText()).isEqualTo("25.00");

        assertProblem(api.post("/api/crm/activity", token(team.employee(), "EMPLOYEE"), good), 403, null);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        assertProblem(api.post("/api/crm/activity", integration, many.append("]").toString()), 413, null);
    }

    @Test
    void hr_feed_builds_the_org_chart_in_any_order_and_dead_letters_what_it_cannot_apply() throws Exception {
        Path orgFeed = Path.of(System.getProperty("goals.home", "..")).toAbsolutePath().normalize()
                .resolveSibling("shared").resolve("data").resolve("org.jsonl");
        assertThat(orgFeed).as("the contract's sample HR feed beside the project").exists();
        List<String> hires = Files.readAllLines(orgFeed).stream().filter(l -> !l.isBlank()).toList();
        for (int i = hires.size() - 1; i >= 0; i--) { // subordinates first: the worst order
            kafka.publish(Topics.ORG_ACTIVITY, "hr-" + i, hires.get(i));
        }
        String bad = "{\"specversion\":\"1.0\",\"id\":\"hr-bad-" + UUID.randomUUID() + "\",\"source\":\"urn:example:hr\","
                + "\"type\":\"hr.employee.promoted\",\"data\":{\"employeeId\":\"E-2001\"}}";
        kafka.publish(Topics.ORG_ACTIVITY, "hr-bad", bad);

        String reader = token("E-001", "EMPLOYEE");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode e2001 = api.get("/api/org/employees/E-2001", reader).body();
            assertThat(e2001.path("supervisorChain").toString()).isEqualTo("[\"E-101\",\"E-001\"]");
        });
        JsonNode top = api.get("/api/org/employees/E-001", reader).body();
        assertThat(top.path("directReports").toString()).contains("E-101", "E-102");

        List<ConsumerRecord<String, byte[]>> dead = kafka.readUntil(Topics.deadLetter(Topics.ORG_ACTIVITY),
                r -> new String(r.value(), StandardCharsets.UTF_8).equals(bad), 1, Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                .startsWith("type: unknown type 'hr.employee.promoted'");
    }
}
