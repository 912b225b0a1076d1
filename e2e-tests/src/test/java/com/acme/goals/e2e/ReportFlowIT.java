package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's weekly loop (product-spec.md §3.2–3.5) through the gateway: last week's report carried into this
 * week's draft with CRM actuals, the daily schedule, submission (LATE after Monday 10:00), the supervisor's inbox,
 * an annotation on the collection plan, the answer, a return, the resubmission as version 2, the review.
 */
class ReportFlowIT extends StackTest {

    static final String TEMPLATE = "channel-manager-weekly";

    private JsonNode awaitReport(String reportId, String token, Predicate<JsonNode> until) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Reply reply = api.get("/api/reports/" + reportId, token);
            seen.set(reply.body());
            return reply.status() == 200 && until.test(reply.body());
        });
        return seen.get();
    }

    static String weekFields(String plan) {
        return """
                {"fields":{"assessment_task":"300000","agent_contract_task":"400000","this_week_collection_plan":"%s",
                 "this_week_work_plan":"train two agents; market activity in Hangzhou",
                 "daily_schedule":{"MONDAY":[{"title":"visit the East China agent","kind":"VISIT","customerId":"C-1001"}],
                                   "TUESDAY":[{"title":"invite agent to product meeting","kind":"MEETING_INVITE","customerId":"C-1002"}],
                                   "WEDNESDAY":[{"title":"agent sales training","kind":"AGENT_TRAINING"}],
                                   "THURSDAY":[{"title":"market activity","kind":"MARKET_ACTIVITY"}],
                                   "FRIDAY":[{"title":"reconcile receivables","kind":"ROUTINE"}],
                                   "SATURDAY":[{"title":"negative receivables talk","kind":"SPECIAL","customerId":"C-1003"}]}}}"""
                .formatted(plan);
    }

    @Test
    void the_channel_managers_week_goes_from_draft_through_review() throws Exception {
        Team team = registerTeam();
        String me = token(team.employee(), "EMPLOYEE");
        String sup = token(team.supervisor(), "SUPERVISOR");
        String stranger = token("E-stranger-" + UUID.randomUUID(), "SUPERVISOR");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.post("/api/reports", me, "{}").status() == 400); // service up

        // week 47: a payment arrives, the plan is drafted, filled and submitted
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), SkeletonFlow.payment("crm-" + UUID.randomUUID(), team.employee(),
                "2026-11-18T10:00:00+08:00", "58000.00"));
        String w47 = awaitDraft(me, team.employee(), TEMPLATE, "2026-W47").text("reportId");
        assertThat(api.put("/api/reports/" + w47, me, weekFields("60000"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + w47 + "/submit", me, "").status()).isEqualTo(204);
        awaitReport(w47, me, r -> r.path("status").asText().equals("SUBMITTED"));

        // week 48: the draft carries last week's plan, shows last week's actual collection and last week's report
        // crm-link has turned the payment into ActivityRecorded, then report-service's ledger has it
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> kafka.caughtUp("crm-link-service", Topics.CRM_ACTIVITY)
                        && kafka.caughtUp("report-service.activity", Topics.CRM_EVENTS));
        Api.Reply draft = api.post("/api/reports", me, """
                {"templateId":"%s","ownerId":"%s","periodKey":"2026-W48"}""".formatted(TEMPLATE, team.employee()));
        assertThat(draft.status()).as(draft.body().toString()).isEqualTo(201);
        String w48 = draft.text("reportId");
        assertThat(draft.body().at("/fields/last_week_planned_collection").asText()).isEqualTo("60000");
        assertThat(draft.body().at("/fields/last_week_planned_work").asText()).startsWith("train two agents");
        assertThat(draft.body().at("/fields/last_week_actual_collection").asText()).isEqualTo("58000.00");
        assertThat(draft.body().at("/previousPeriod/reportId").asText()).isEqualTo(w47);
        assertProblem(api.post("/api/reports", me, """
                {"templateId":"%s","ownerId":"%s","periodKey":"2026-W48"}""".formatted(TEMPLATE, team.employee())), 409, null);
        assertProblem(api.post("/api/reports", sup, """
                {"templateId":"%s","ownerId":"%s","periodKey":"2026-W49"}""".formatted(TEMPLATE, team.employee())), 403, null);
        assertProblem(api.post("/api/reports", me, """
                {"templateId":"%s","ownerId":"%s","periodKey":"2026-11"}""".formatted(TEMPLATE, team.employee())), 400, "periodKey");

        assertProblem(api.post("/api/reports/" + w48 + "/submit", me, ""), 400, null); // required fields empty
        assertProblem(api.put("/api/reports/" + w48, me, """
                {"fields":{"daily_schedule":{"MONDAY":[{"title":"visit","kind":"VISIT"}]}}}""", null), 400,
                "fields.daily_schedule.MONDAY[0].customerId");
        String weekGoal = new GoalTrees(api).set(sup, team.employee(), "WEEK", "2026-W48", null, "week 48",
                GoalTrees.cny("payment_collection", 65_000), "");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/goals/" + weekGoal, me).status() == 200);
        assertThat(api.put("/api/reports/" + w48, me, weekFields("65000"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + w48 + "/submit", me, "").status()).isEqualTo(204);
        JsonNode submitted = awaitReport(w48, me, r -> r.path("status").asText().equals("SUBMITTED"));
        assertThat(submitted.path("timeliness").asText()).as("due Monday 23 November 10:00 Shanghai").isEqualTo("LATE");

        // the supervisor finds it in the inbox, annotates the collection plan; a stranger is refused everywhere
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode inbox = api.get("/api/reports/inbox", sup).body();
            assertThat(inbox.path("items").findValuesAsText("reportId")).contains(w47, w48);
        });
        assertThat(api.get("/api/reports/inbox", stranger).body().path("items").findValuesAsText("reportId")).doesNotContain(w48);
        Api.Reply annotated = api.post("/api/reports/" + w48 + "/annotations", sup, """
                {"anchor":{"field":"this_week_collection_plan"},"text":"split the 65000 by agent"}""");
        assertThat(annotated.status()).isEqualTo(201);
        String annotationId = annotated.text("id");
        assertProblem(api.post("/api/reports/" + w48 + "/annotations", stranger, "{\"text\":\"hello\"}"), 403, null);
        assertProblem(api.get("/api/reports/" + w48, stranger), 403, null);
        assertProblem(api.post("/api/reports/" + w48 + "/return", stranger, "{\"reason\":\"no\"}"), 403, null);
        assertProblem(api.post("/api/reports/" + w48 + "/review", stranger, ""), 403, null);

        assertThat(api.post("/api/reports/" + w48 + "/annotations/" + annotationId + "/answers", me,
                "{\"text\":\"C-1001 40000, C-1002 25000\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/reports/" + w48 + "/return", sup, "{\"reason\":\"add the split to the plan\"}").status()).isEqualTo(204);
        assertThat(api.put("/api/reports/" + w48, me, """
                {"fields":{"this_week_work_plan":"C-1001 40000, C-1002 25000; train two agents"}}""", null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + w48 + "/submit", me, "").status()).isEqualTo(204);
        awaitReport(w48, sup, r -> r.path("status").asText().equals("SUBMITTED") && r.path("version").asInt() == 2);
        assertThat(api.post("/api/reports/" + w48 + "/review", sup, "").status()).isEqualTo(204);

        JsonNode reviewed = awaitReport(w48, sup, r -> r.path("status").asText().equals("REVIEWED"));

        // the daily schedule became DAY goals under the WEEK goal, once, though the plan was submitted twice
        AtomicReference<JsonNode> tree = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            tree.set(api.get("/api/goals/" + weekGoal + "/tree", sup).body());
            assertThat(tree.get().path("children")).hasSize(6);
        });
        JsonNode monday = tree.get().path("children").get(0).path("goal");
        assertThat(monday.path("periodKey").asText()).isEqualTo("2026-11-23");
        assertThat(monday.at("/actions/0/kind").asText()).isEqualTo("VISIT");
        assertThat(monday.at("/actions/0/customerId").asText()).isEqualTo("C-1001");
        assertThat(monday.path("actions")).hasSize(1);
        assertThat(reviewed.path("versions")).hasSize(2);
        assertThat(reviewed.at("/versions/0/fields/this_week_work_plan").asText()).startsWith("train two agents");
        assertThat(reviewed.at("/annotations/0/field").asText()).isEqualTo("this_week_collection_plan");
        assertThat(reviewed.at("/annotations/0/reportVersion").asInt()).isEqualTo(1);
        assertThat(reviewed.at("/annotations/0/answers/0/text").asText()).isEqualTo("C-1001 40000, C-1002 25000");
        assertThat(reviewed.path("returnReason").asText()).isEqualTo("add the split to the plan");

        // a week far ahead is submitted before its deadline
        String future = awaitDraft(me, team.employee(), TEMPLATE, "2030-W10").text("reportId");
        assertThat(api.put("/api/reports/" + future, me, weekFields("1"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + future + "/submit", me, "").status()).isEqualTo(204);
        assertThat(awaitReport(future, me, r -> r.path("status").asText().equals("SUBMITTED")).path("timeliness").asText())
                .isEqualTo("ON_TIME");

        JsonNode teamW48 = api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=2026-W48", sup).body();
        assertThat(teamW48.at("/counts/LATE").asInt()).isEqualTo(1);
        JsonNode teamFuture = api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=2030-W10", sup).body();
        assertThat(teamFuture.at("/counts/ON_TIME").asInt()).isEqualTo(1);

        Api.Reply list = api.get("/api/reports?ownerId=" + team.employee(), sup);
        assertThat(list.body().path("total").asLong()).isEqualTo(3);
        assertProblem(api.get("/api/reports?ownerId=" + team.employee(), stranger), 403, null);
    }

    /** Drafts once the owner is in report-service's org chart (projected from org.events). */
    @Test
    void templates_are_listed_for_everyone_and_versioned_by_admins() throws Exception {
        String anyone = token("E-anyone", "EMPLOYEE");
        Api.Reply list = api.get("/api/report-templates", anyone);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().findValuesAsText("templateId")).contains("channel-manager-weekly", "sales-rep-daily");

        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"templateId":"%s","name":"monthly","role":"CHANNEL_MANAGER","periodType":"MONTH","kind":"SUMMARY",
                 "deadline":{"dayOffset":30,"time":"18:00"},"fields":[{"key":"summary","label":"summary","type":"TEXT","required":true}]}"""
                .formatted(id);
        assertProblem(api.post("/api/report-templates", anyone, body), 403, null);
        Api.Reply created = api.post("/api/report-templates", adminToken(), body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("version").asInt()).isEqualTo(1);
        assertProblem(api.post("/api/report-templates", adminToken(), body), 409, null);
        Api.Reply v2 = api.put("/api/report-templates/" + id, adminToken(), body.replace("\"monthly\"", "\"monthly v2\""), null);
        assertThat(v2.body().path("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/report-templates/" + id + "?version=1", anyone).body().path("name").asText()).isEqualTo("monthly");
        assertProblem(api.post("/api/report-templates", adminToken(), body.replace("\"TEXT\"", "\"COLOUR\"")
                .replace(id, id + "x")), 400, "fields[0].type");
    }

    @Test
    void past_weeks_never_submitted_become_missing_unless_excused() throws Exception {
        Team team = registerTeam();
        String joined = "J-" + team.employee();
        assertThat(api.post("/api/org/employees", adminToken(), """
                {"employeeId":"%s","name":"Zhao Lei","role":"CHANNEL_MANAGER","supervisorId":"%s","timeZone":"Asia/Shanghai",
                 "joinedOn":"2026-11-09"}""".formatted(joined, team.supervisor())).status()).isEqualTo(201);
        String sup = token(team.supervisor(), "SUPERVISOR");

        // the sweep runs at start and every 30 s: weeks 46-48 were due (Mondays 10:00) since 9 November, none was submitted
        AtomicReference<JsonNode> missing = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            missing.set(api.get("/api/reports/missing?ownerId=" + joined, sup).body());
            assertThat(missing.get().findValuesAsText("periodKey")).contains("2026-W46", "2026-W47", "2026-W48");
        });
        assertThat(missing.get().findValuesAsText("periodKey")).doesNotContain("2026-W45", "2026-W49");

        assertProblem(api.post("/api/reports/excuses", token(joined, "EMPLOYEE"), """
                {"ownerId":"%s","templateId":"%s","periodKey":"2026-W47","reason":"annual leave"}""".formatted(joined, TEMPLATE)),
                403, null);
        assertThat(api.post("/api/reports/excuses", sup, """
                {"ownerId":"%s","templateId":"%s","periodKey":"2026-W47","reason":"annual leave"}""".formatted(joined, TEMPLATE))
                .status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode slots = api.get("/api/reports/missing?ownerId=" + joined, sup).body();
            for (JsonNode slot : slots) {
                String expected = slot.path("periodKey").asText().equals("2026-W47") ? "EXCUSED" : "MISSING";
                assertThat(slot.path("state").asText()).as(slot.toString()).isEqualTo(expected);
            }
        });
        assertProblem(api.get("/api/reports/missing?ownerId=" + joined, token("E-stranger", "SUPERVISOR")), 403, null);

        // the team view: the other member joined on the 26th, after these deadlines, so only the late joiner has rows
        JsonNode w46 = api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=2026-W46", sup).body();
        assertThat(w46.at("/counts/MISSING").asInt()).isEqualTo(1);
        assertThat(w46.path("members")).hasSize(1);
        JsonNode w47 = api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=2026-W47", sup).body();
        assertThat(w47.at("/counts/EXCUSED").asInt()).isEqualTo(1);
        assertProblem(api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=2026-W47",
                token(joined, "EMPLOYEE")), 403, null);
    }
}
