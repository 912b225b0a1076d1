package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 16: target tiers (目标 / 冲刺 / 挑战) on a goal, the tier its progress reached, and a rubric that credits it. */
class TargetTiersIT extends StackTest {

    @Test
    void a_week_that_reaches_its_stretch_level_shows_the_tier_and_earns_the_rubrics_stretch_credit() throws Exception {
        Team team = registerTeam();
        String supervisor = token(team.supervisor(), "SUPERVISOR");
        String admin = adminToken();
        Today.Week week = today.week(-1);

        assertProblem(api.post("/api/goals", supervisor, goal(team.employee(), week.key(), "10000", "10000", null)), 400,
                "numericTargets[0].stretch");
        assertProblem(api.post("/api/goals", supervisor, goal(team.employee(), week.key(), "10000", "12000", "11000")), 400,
                "numericTargets[0].challenge");
        Api.Reply created = api.post("/api/goals", supervisor, goal(team.employee(), week.key(), "10000", "12000", "15000"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String goalId = created.text("goalId");

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(),
                payment("crm-" + UUID.randomUUID(), team.employee(), week.at(TUESDAY, "10:15"), "12500.00"));
        AtomicReference<JsonNode> metric = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            metric.set(api.get("/api/progress/goals/" + goalId, token(team.employee(), "EMPLOYEE")).body().at("/metrics/0"));
            return "12500.00".equals(metric.get().path("actual").asText());
        });
        assertThat(metric.get().path("tier").asText()).isEqualTo("STRETCH");
        assertThat(new BigDecimal(metric.get().path("stretch").asText())).isEqualByComparingTo("12000");
        assertThat(new BigDecimal(metric.get().path("challenge").asText())).isEqualByComparingTo("15000");
        assertThat(metric.get().path("completionPercent").asText()).isEqualTo("125.00");

        // the admin's next rubric version credits tiers; everything else stays as the current rubric has it
        ObjectNode rubric = (ObjectNode) api.get("/api/rubrics/current", admin).body();
        rubric.put("challengeCredit", "1.10");
        rubric.put("stretchCredit", "1.20");
        assertProblem(api.put("/api/rubrics/current", admin, rubric.toString(), null), 400, "challengeCredit");
        rubric.put("stretchCredit", "1.10");
        rubric.put("challengeCredit", "1.25");
        Api.Reply published = api.put("/api/rubrics/current", admin, rubric.toString(), null);
        assertThat(published.status()).as(published.body().toString()).isEqualTo(200);

        Api.Reply scored = api.post("/api/scores/weeks/" + team.employee() + "/" + week.key(), supervisor,
                "{\"behaviorRating\":80,\"comment\":\"stretch reached\"}");
        assertThat(scored.status()).as(scored.body().toString()).isEqualTo(201);
        JsonNode weekScore = scored.body().at("/weeks/0");
        assertThat(weekScore.path("rubricVersion").asInt()).isEqualTo(published.body().path("version").asInt());
        BigDecimal cap = new BigDecimal(rubric.path("metricCap").asText());
        // actual/target 1.25, capped at the rubric's cap, lifted to the stretch credit 1.10 if the cap is lower
        BigDecimal expected = cap.min(new BigDecimal("1.25")).max(new BigDecimal("1.10")).multiply(new BigDecimal("100"));
        assertThat(new BigDecimal(weekScore.at("/parts/numeric").asText())).isEqualByComparingTo(expected);
        assertThat(new BigDecimal(weekScore.at("/inputs/metrics/0/stretch").asText())).isEqualByComparingTo("12000");
    }

    private static String goal(String owner, String week, String target, String stretch, String challenge) {
        return """
                {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"week with tiers",
                 "numericTargets":[{"metric":"payment_collection","target":"%s","unit":"CNY","stretch":%s,"challenge":%s}],"actions":[]}"""
                .formatted(owner, week, target, stretch == null ? "null" : "\"" + stretch + "\"",
                        challenge == null ? "null" : "\"" + challenge + "\"");
    }
}
