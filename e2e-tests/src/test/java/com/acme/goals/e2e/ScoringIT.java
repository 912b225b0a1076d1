package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's channel manager's week, end to end through the gateway: the week goal, the weekly plan with its daily
 * schedule, payments and new customers arriving on Kafka, actions done, the supervisor's annotation and score; the
 * score's parts, the month's total with its pay factor, and a rubric change applied to the month beside the old score.
 */
class ScoringIT extends StackTest {

    static String customerCreated(String id, String ownerId, String time) {
        return CustomerLinkIT.customerCreated(id, ownerId, "C-" + id, time);
    }

    /** Money and scores travel as decimal strings. */
    static BigDecimal dec(JsonNode node) {
        assertThat(node.isTextual()).as("a decimal string: " + node).isTrue();
        return new BigDecimal(node.asText());
    }

    @Test
    void the_channel_managers_week_is_scored_and_adds_up_to_the_month_with_its_pay_factor() throws Exception {
        Team team = registerTeam();
        String me = token(team.employee(), "EMPLOYEE");
        String sup = token(team.supervisor(), "SUPERVISOR");
        String admin = adminToken();

        // last week: every deadline of it has passed whatever the hour, and its days are all in the past
        Today.Week week = today.week(-1);
        String w = week.key();
        String m = week.month().toString();
        String weekGoal = new GoalTrees(api).set(sup, team.employee(), "WEEK", w, null, "last week",
                GoalTrees.cny("payment_collection", 100_000) + ",{\"metric\":\"new_customers\",\"target\":\"2\",\"unit\":\"count\"}", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/goals/" + weekGoal, me).status() == 200);

        // the weekly plan with its daily schedule: six DAY goals with one action each under the week goal
        String report = awaitDraft(me, team.employee(), ReportFlowIT.TEMPLATE, w).text("reportId");
        assertThat(api.put("/api/reports/" + report, me, ReportFlowIT.weekFields("100000"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + report + "/submit", me, "").status()).isEqualTo(204);
        List<String[]> actions = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            actions.clear();
            for (JsonNode day : api.get("/api/goals/" + weekGoal + "/tree", me).body().path("children")) {
                for (JsonNode action : day.at("/goal/actions")) {
                    actions.add(new String[]{day.at("/goal/goalId").asText(), action.path("actionId").asText()});
                }
            }
            return actions.size() == 6;
        });
        for (String[] action : actions.subList(0, 3)) {
            assertThat(api.post("/api/goals/" + action[0] + "/actions/" + action[1] + "/complete", me, "{\"note\":\"done\"}").status())
                    .isEqualTo(204);
        }
        // the plan was due last week's Monday 10:00 and is submitted now: late, whatever day and hour it is
        String timeliness = "LATE";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/reports/" + report, me).body().path("timeliness").asText()).isEqualTo(timeliness));
        assertThat(api.post("/api/reports/" + report + "/annotations", sup, "{\"text\":\"focus on the Hangzhou agents\"}").status())
                .isEqualTo(201);

        // CRM results of the week arrive on Kafka: 80% of the collection target, both new customers
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), payment("crm-" + UUID.randomUUID(), team.employee(), week.at(TUESDAY, "10:00"), "50000.00"));
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), payment("crm-" + UUID.randomUUID(), team.employee(), week.at(FRIDAY, "16:00"), "30000.00"));
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), customerCreated(UUID.randomUUID().toString(), team.employee(), week.at(WEDNESDAY, "09:00")));
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), customerCreated(UUID.randomUUID().toString(), team.employee(), week.at(THURSDAY, "09:00")));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                kafka.caughtUp("crm-link-service", Topics.CRM_ACTIVITY) && kafka.caughtUp("scoring-service.activity", Topics.CRM_EVENTS)
                        && kafka.caughtUp("scoring-service.goals", Topics.GOAL_EVENTS)
                        && kafka.caughtUp("scoring-service.timeliness", Topics.REPORT_EVENTS));

        // only someone above the employee scores; the employee and strangers may not
        String scoreBody = "{\"behaviorRating\":90,\"comment\":\"good follow-up\"}";
        String path = "/api/scores/weeks/" + team.employee() + "/" + w;
        assertProblem(api.post(path, me, scoreBody), 403, null);
        assertProblem(api.post(path, token("S-stranger-" + UUID.randomUUID(), "SUPERVISOR"), scoreBody), 403, null);
        assertProblem(api.post(path, sup, "{\"behaviorRating\":140}"), 400, "behaviorRating");
        Api.Reply scored = api.post(path, sup, scoreBody);
        assertThat(scored.status()).as(scored.body().toString()).isEqualTo(201);
        JsonNode scoredWeek = scored.body().at("/weeks/0");
        BigDecimal onTimeShare = new BigDecimal("50"); // a late plan earns the default rubric's late credit, 0.5
        assertThat(dec(scoredWeek.at("/parts/numeric"))).isEqualByComparingTo("90");    // (80% + 100%) / 2
        assertThat(dec(scoredWeek.at("/parts/actions"))).isEqualByComparingTo("50");    // 3 of 6
        assertThat(dec(scoredWeek.at("/parts/timeliness"))).as(timeliness).isEqualByComparingTo(onTimeShare);
        assertThat(dec(scoredWeek.at("/parts/behavior"))).isEqualByComparingTo("90");
        BigDecimal total = new BigDecimal("45").add(new BigDecimal("10")).add(onTimeShare.divide(BigDecimal.TEN))
                .add(new BigDecimal("18")).setScale(2, RoundingMode.HALF_UP);
        assertThat(dec(scoredWeek.path("total"))).isEqualByComparingTo(total);
        assertThat(scoredWeek.at("/inputs/actionsPlanned").asInt()).isEqualTo(6);
        assertThat(scoredWeek.path("rubricVersion").asInt()).isPositive();

        // the month of the week's Thursday owns one week per Thursday; the unscored ones count 0
        long weeksOfMonth = week.month().atDay(1).datesUntil(week.month().plusMonths(1).atDay(1))
                .filter(day -> day.getDayOfWeek() == THURSDAY).count();
        JsonNode month = scored.body().path("month");
        assertThat(month.path("month").asText()).isEqualTo(m);
        assertThat(dec(month.path("total"))).isEqualByComparingTo(total.divide(BigDecimal.valueOf(weeksOfMonth), 2, RoundingMode.HALF_UP));
        assertThat(dec(month.path("payFactor"))).isEqualByComparingTo("0.50");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/scores/months/" + team.employee() + "/" + m, me).status() == 200);
        // payroll's feed: both facts on scoring.events, keyed by the employee
        var published = kafka.readUntil(Topics.SCORING_EVENTS, r -> team.employee().equals(r.key()), 2, Duration.ofSeconds(30));
        assertThat(published).extracting(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                .anySatisfy(v -> assertThat(v).contains("\"type\":\"scoring.WeekScored\""))
                .anySatisfy(v -> assertThat(v).contains("\"type\":\"scoring.MonthlyBehaviorTotaled\""));
        assertProblem(api.get("/api/scores/months/" + team.employee() + "/" + m, token("E-peer-" + UUID.randomUUID(), "EMPLOYEE")), 403, null);

        // the weekly execution board shows the week as the supervisor saw it when scoring
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/boards/weeks/" + team.employee() + "/" + w, me)
                .body().path("score").isObject()).isTrue());
        JsonNode board = api.get("/api/boards/weeks/" + team.employee() + "/" + w, sup).body();
        assertThat(board.at("/week/0/goalId").asText()).isEqualTo(weekGoal);
        assertThat(dec(board.at("/week/0/targets/0/actual"))).isEqualByComparingTo("80000.00");
        assertThat(dec(board.at("/week/0/targets/0/completionPercent"))).isEqualByComparingTo("80.00");
        assertThat(board.path("days")).hasSize(6);
        assertThat(board.path("days").findValuesAsText("actionsCompleted")).containsExactlyInAnyOrder("1", "1", "1", "0", "0", "0");
        assertThat(board.at("/records/payments")).hasSize(2);
        assertThat(board.at("/records/payments").findValuesAsText("countsForGoalId")).containsOnly(weekGoal);
        assertThat(board.at("/records/newCustomers")).hasSize(2);
        assertThat(board.path("annotations").findValuesAsText("text")).containsExactly("focus on the Hangzhou agents");
        assertThat(board.path("reports").findValuesAsText("status")).containsExactly(timeliness);
        assertThat(dec(board.at("/score/total"))).isEqualByComparingTo(total);
        assertProblem(api.get("/api/boards/weeks/" + team.employee() + "/" + w, token("E-peer-" + UUID.randomUUID(), "EMPLOYEE")), 403, null);

        // the same week's actuals, per metric and unit, for the supervisor and the employee; a stranger is refused
        JsonNode actuals = api.get("/api/actuals/" + team.employee() + "?periodKey=" + w, sup).body();
        assertThat(actuals.path("periodKey").asText()).isEqualTo(w);
        assertThat(actuals.path("actuals")).hasSize(2);
        assertThat(actuals.at("/actuals/0/metric").asText()).isEqualTo("new_customers");
        assertThat(dec(actuals.at("/actuals/0/amount"))).isEqualByComparingTo("2");
        assertThat(actuals.at("/actuals/1/metric").asText()).isEqualTo("payment_collection");
        assertThat(actuals.at("/actuals/1/unit").asText()).isEqualTo("CNY");
        assertThat(dec(actuals.at("/actuals/1/amount"))).isEqualByComparingTo("80000.00");
        assertThat(api.get("/api/actuals/" + team.employee() + "?periodKey=" + w, me).body()).isEqualTo(actuals);
        assertProblem(api.get("/api/actuals/" + team.employee() + "?periodKey=" + w, token("E-peer-" + UUID.randomUUID(), "EMPLOYEE")), 403, null);
        assertProblem(api.get("/api/actuals/" + team.employee() + "?periodKey=last-week", sup), 400, "periodKey");

        // the supervisor's team dashboard for the week and the month
        String teamWeek = "/api/dashboards/teams/" + team.supervisor() + "?periodKey=" + w;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get(teamWeek, sup).body().at("/members/0/score").isTextual()).isTrue());
        JsonNode dashboard = api.get(teamWeek, sup).body();
        assertThat(dashboard.path("total").asInt()).isEqualTo(1);
        assertThat(dashboard.at("/members/0/employeeId").asText()).isEqualTo(team.employee());
        assertThat(dec(dashboard.at("/members/0/completionPercent"))).isEqualByComparingTo("90.00");
        assertThat(dashboard.at("/members/0/reportsOnTime").asInt()).isZero();
        assertThat(dashboard.at("/members/0/reportsLate").asInt()).isEqualTo(1);
        assertThat(dec(dashboard.at("/members/0/score"))).isEqualByComparingTo(total);
        JsonNode monthView = api.get("/api/dashboards/teams/" + team.supervisor() + "?periodKey=" + m + "&sort=score", sup).body();
        assertThat(dec(monthView.at("/members/0/payFactor"))).isEqualByComparingTo("0.50");
        assertProblem(api.get(teamWeek, me), 403, null);
        assertProblem(api.get(teamWeek, token("S-other-" + UUID.randomUUID(), "SUPERVISOR")), 403, null);
        assertProblem(api.get(teamWeek + "&size=0", sup), 400, "size");
        assertProblem(api.get("/api/dashboards/teams/" + team.supervisor() + "?periodKey=" + week.day(TUESDAY), sup), 400, "periodKey");

        // a rubric change applied to the month: new scores beside the old, both rubric versions visible
        assertProblem(api.put("/api/rubrics/current", sup, "{}", null), 403, null);
        assertProblem(api.put("/api/rubrics/current", admin, """
                {"numericWeight":60,"actionsWeight":20,"timelinessWeight":10,"behaviorWeight":20,"metricCap":"1.00","lateCredit":"0.5",
                 "payBands":[{"minTotal":"0","factor":"0.5"}]}""", null), 400, "weights");
        Api.Reply rubric = api.put("/api/rubrics/current", admin, """
                {"numericWeight":70,"actionsWeight":10,"timelinessWeight":10,"behaviorWeight":10,"metricCap":"1.20","lateCredit":"0.5",
                 "payBands":[{"minTotal":"80","factor":"1.1"},{"minTotal":"0","factor":"0.6"}]}""", null);
        assertThat(rubric.status()).as(rubric.body().toString()).isEqualTo(200);
        int v = rubric.body().path("version").asInt();
        assertProblem(api.post("/api/scores/months/" + team.employee() + "/" + m + "/rescore", sup, "{}"), 403, null);
        Api.Reply rescored = api.post("/api/scores/months/" + team.employee() + "/" + m + "/rescore", admin, "{}");
        assertThat(rescored.status()).as(rescored.body().toString()).isEqualTo(200);
        assertThat(rescored.body().at("/weeks/0/rubricVersion").asInt()).isEqualTo(v);
        assertThat(dec(rescored.body().at("/month/payFactor"))).isEqualByComparingTo("0.6");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = api.get(path, me).body();
            assertThat(history.path("versions")).hasSize(2);
            assertThat(history.at("/latest/rubricVersion").asInt()).isEqualTo(v);
            assertThat(dec(history.at("/versions/1/total"))).isEqualByComparingTo(total);
        });

        // every read model rebuilt from the beginning of the topics and the event store gives the same answers
        String boardPath = "/api/boards/weeks/" + team.employee() + "/" + w;
        String monthPath = "/api/scores/months/" + team.employee() + "/" + m;
        JsonNode boardBefore = api.get(boardPath, sup).body();
        JsonNode weekBefore = api.get(path, sup).body();
        JsonNode monthBefore = api.get(monthPath, sup).body();
        JsonNode progressBefore = api.get("/api/progress/goals/" + weekGoal, sup).body();
        JsonNode dashboardBefore = api.get(teamWeek, sup).body();
        assertProblem(api.post("/api/scoring/rebuild", sup, ""), 403, null);
        Api.Reply rebuilt = api.post("/api/scoring/rebuild", admin, "");
        assertThat(rebuilt.status()).as(rebuilt.body().toString()).isEqualTo(202);
        assertThat(rebuilt.body().path("state").asText()).isEqualTo("RUNNING");
        assertThat(rebuilt.body().path("processors").toString()).contains("score-views");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode projections = api.get("/api/scoring/projections", admin).body();
            assertThat(projections.at("/rebuild/state").asText()).isEqualTo("DONE");
            assertThat(projections.at("/rebuild/emptied/activity_ledger").asLong()).isPositive();
            assertThat(projections.at("/rebuild/emptied/goal_targets").asLong()).isPositive();
            assertThat(projections.path("groups").findValuesAsText("lag")).isNotEmpty().containsOnly("0");
            assertThat(api.get(boardPath, sup).body()).isEqualTo(boardBefore);
            assertThat(api.get(path, sup).body()).isEqualTo(weekBefore);
            assertThat(api.get(monthPath, sup).body()).isEqualTo(monthBefore);
            assertThat(api.get("/api/progress/goals/" + weekGoal, sup).body()).isEqualTo(progressBefore);
            assertThat(api.get(teamWeek, sup).body()).isEqualTo(dashboardBefore);
        });
        assertThat(api.get("/api/scoring/projections", admin).body().findValuesAsText("group"))
                .contains("scoring-service.activity", "scoring-service.goals", "scoring-service.timeliness");

        // milestone checks resume once the replay is over: a payment past 90% is told, the 50% passed before is not told again
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), payment("crm-" + UUID.randomUUID(), team.employee(), week.at(TUESDAY, "11:00"), "15000.00"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get("/api/notices?size=100", me).body().path("notices").findValuesAsText("title"))
                        .contains(team.employee() + " passed 90% of payment_collection"));
        assertThat(api.get("/api/notices?size=100", me).body().path("notices").findValuesAsText("title"))
                .filteredOn(title -> title.equals(team.employee() + " passed 50% of payment_collection")).hasSize(1);
    }
}
