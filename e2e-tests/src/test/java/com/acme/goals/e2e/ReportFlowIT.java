package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static java.time.DayOfWeek.WEDNESDAY;
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

        // three weeks ago: a payment arrives, the plan is drafted, filled and submitted
        Today.Week before = today.week(-3);
        Today.Week late = today.week(-2);
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), SkeletonFlow.payment("crm-" + UUID.randomUUID(), team.employee(),
                before.at(WEDNESDAY, "10:00"), "58000.00"));
        String firstReport = awaitDraft(me, team.employee(), TEMPLATE, before.key()).text("reportId");
        assertThat(api.put("/api/reports/" + firstReport, me, weekFields("60000"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + firstReport + "/submit", me, "").status()).isEqualTo(204);
        awaitReport(firstReport, me, r -> r.path("status").asText().equals("SUBMITTED"));

        // the week after: the draft carries last week's plan, shows last week's actual collection and last week's report
        // crm-link has turned the payment into ActivityRecorded, then scoring's ledger has it (drafts read it there)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> kafka.caughtUp("crm-link-service", Topics.CRM_ACTIVITY)
                        && kafka.caughtUp("scoring-service.activity", Topics.CRM_EVENTS));
        Api.Reply draft = api.post("/api/reports", me, """
                {"templateId":"%s","ownerId":"%s","periodKey":"%s"}""".formatted(TEMPLATE, team.employee(), late.key()));
        assertThat(draft.status()).as(draft.body().toString()).isEqualTo(201);
        String lateReport = draft.text("reportId");
        assertThat(draft.body().at("/fields/last_week_planned_collection").asText()).isEqualTo("60000");
        assertThat(draft.body().at("/fields/last_week_planned_work").asText()).startsWith("train two agents");
        assertThat(draft.body().at("/fields/last_week_actual_collection").asText()).isEqualTo("58000.00");
        assertThat(draft.body().at("/previousPeriod/reportId").asText()).isEqualTo(firstReport);
        assertProblem(api.post("/api/reports", me, """
                {"templateId":"%s","ownerId":"%s","periodKey":"%s"}""".formatted(TEMPLATE, team.employee(), late.key())), 409, null);
        assertProblem(api.post("/api/reports", sup, """
                {"templateId":"%s","ownerId":"%s","periodKey":"%s"}""".formatted(TEMPLATE, team.employee(), late.plus(1).key())), 403, null);
        assertProblem(api.post("/api/reports", me, """
                {"templateId":"%s","ownerId":"%s","periodKey":"%s"}""".formatted(TEMPLATE, team.employee(), today.month(0))), 400, "periodKey");

        // with scoring down a draft is refused at once, naming it, and nothing is drafted: the same period drafts later
        stack.service("scoring-service").stop();
        Api.Reply refused = api.post("/api/reports", me, """
                {"templateId":"%s","ownerId":"%s","periodKey":"%s"}""".formatted(TEMPLATE, team.employee(), late.plus(1).key()));
        assertProblem(refused, 503, null);
        assertThat(refused.text("detail")).contains("scoring-service", late.key()); // the week its actuals come from
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        stack.service("scoring-service").start();
        stack.service("scoring-service").awaitHealthy(Duration.ofMinutes(3));
        Api.Reply later = api.post("/api/reports", me, """
                {"templateId":"%s","ownerId":"%s","periodKey":"%s"}""".formatted(TEMPLATE, team.employee(), late.plus(1).key()));
        assertThat(later.status()).as(later.body().toString()).isEqualTo(201);
        assertThat(later.body().at("/fields/last_week_actual_collection").asText()).isEqualTo("0"); // nothing collected in the late week yet

        assertProblem(api.post("/api/reports/" + lateReport + "/submit", me, ""), 400, null); // required fields empty
        assertProblem(api.put("/api/reports/" + lateReport, me, """
                {"fields":{"daily_schedule":{"MONDAY":[{"title":"visit","kind":"VISIT"}]}}}""", null), 400,
                "fields.daily_schedule.MONDAY[0].customerId");
        String weekGoal = new GoalTrees(api).set(sup, team.employee(), "WEEK", late.key(), null, "the late week",
                GoalTrees.cny("payment_collection", 65_000), "");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/goals/" + weekGoal, me).status() == 200);
        assertThat(api.put("/api/reports/" + lateReport, me, weekFields("65000"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + lateReport + "/submit", me, "").status()).isEqualTo(204);
        JsonNode submitted = awaitReport(lateReport, me, r -> r.path("status").asText().equals("SUBMITTED"));
        assertThat(submitted.path("timeliness").asText()).as("due " + late.planDue() + ", submitted " + today.now()).isEqualTo("LATE");

        // the supervisor finds it in the inbox, annotates the collection plan; a stranger is refused everywhere
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode inbox = api.get("/api/reports/inbox", sup).body();
            assertThat(inbox.path("items").findValuesAsText("reportId")).contains(firstReport, lateReport);
        });
        assertThat(api.get("/api/reports/inbox", stranger).body().path("items").findValuesAsText("reportId")).doesNotContain(lateReport);
        Api.Reply annotated = api.post("/api/reports/" + lateReport + "/annotations", sup, """
                {"anchor":{"field":"this_week_collection_plan"},"text":"split the 65000 by agent"}""");
        assertThat(annotated.status()).isEqualTo(201);
        String annotationId = annotated.text("id");
        assertProblem(api.post("/api/reports/" + lateReport + "/annotations", stranger, "{\"text\":\"hello\"}"), 403, null);
        assertProblem(api.get("/api/reports/" + lateReport, stranger), 403, null);
        assertProblem(api.post("/api/reports/" + lateReport + "/return", stranger, "{\"reason\":\"no\"}"), 403, null);
        assertProblem(api.post("/api/reports/" + lateReport + "/review", stranger, ""), 403, null);

        assertThat(api.post("/api/reports/" + lateReport + "/annotations/" + annotationId + "/answers", me,
                "{\"text\":\"C-1001 40000, C-1002 25000\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/reports/" + lateReport + "/return", sup, "{\"reason\":\"add the split to the plan\"}").status()).isEqualTo(204);
        assertThat(api.put("/api/reports/" + lateReport, me, """
                {"fields":{"this_week_work_plan":"C-1001 40000, C-1002 25000; train two agents"}}""", null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + lateReport + "/submit", me, "").status()).isEqualTo(204);
        awaitReport(lateReport, sup, r -> r.path("status").asText().equals("SUBMITTED") && r.path("version").asInt() == 2);
        assertThat(api.post("/api/reports/" + lateReport + "/review", sup, "").status()).isEqualTo(204);

        JsonNode reviewed = awaitReport(lateReport, sup, r -> r.path("status").asText().equals("REVIEWED"));

        // the daily schedule became DAY goals under the WEEK goal, once, though the plan was submitted twice
        AtomicReference<JsonNode> tree = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            tree.set(api.get("/api/goals/" + weekGoal + "/tree", sup).body());
            assertThat(tree.get().path("children")).hasSize(6);
        });
        JsonNode monday = tree.get().path("children").get(0).path("goal");
        assertThat(monday.path("periodKey").asText()).isEqualTo(late.monday().toString());
        assertThat(monday.at("/actions/0/kind").asText()).isEqualTo("VISIT");
        assertThat(monday.at("/actions/0/customerId").asText()).isEqualTo("C-1001");
        assertThat(monday.path("actions")).hasSize(1);
        assertThat(reviewed.path("versions")).hasSize(2);
        assertThat(reviewed.at("/versions/0/fields/this_week_work_plan").asText()).startsWith("train two agents");
        assertThat(reviewed.at("/annotations/0/field").asText()).isEqualTo("this_week_collection_plan");
        assertThat(reviewed.at("/annotations/0/reportVersion").asInt()).isEqualTo(1);
        assertThat(reviewed.at("/annotations/0/answers/0/text").asText()).isEqualTo("C-1001 40000, C-1002 25000");
        assertThat(reviewed.path("returnReason").asText()).isEqualTo("add the split to the plan");

        // a week ahead is submitted before its deadline
        Today.Week ahead = today.week(8);
        String future = awaitDraft(me, team.employee(), TEMPLATE, ahead.key()).text("reportId");
        assertThat(api.put("/api/reports/" + future, me, weekFields("1"), null).status()).isEqualTo(204);
        assertThat(api.post("/api/reports/" + future + "/submit", me, "").status()).isEqualTo(204);
        assertThat(awaitReport(future, me, r -> r.path("status").asText().equals("SUBMITTED")).path("timeliness").asText())
                .isEqualTo("ON_TIME");

        JsonNode teamLate = api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=" + late.key(), sup).body();
        assertThat(teamLate.at("/counts/LATE").asInt()).isEqualTo(1);
        JsonNode teamFuture = api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=" + ahead.key(), sup).body();
        assertThat(teamFuture.at("/counts/ON_TIME").asInt()).isEqualTo(1);

        Api.Reply list = api.get("/api/reports?ownerId=" + team.employee(), sup);
        assertThat(list.body().path("total").asLong()).isEqualTo(4); // three weeks ago, the late week, the one after, ahead
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
    void past_weeks_are_owed_from_the_day_the_template_took_effect_and_never_submitted_become_missing_unless_excused() throws Exception {
        Team team = registerTeam();
        String joined = "J-" + team.employee();
        String s = UUID.randomUUID().toString().substring(0, 6);
        String template = "pw-" + s;
        String role = "PAST_WEEKS_" + s.toUpperCase().replace("-", "");
        Today.Week first = today.week(-3);
        Today.Week excused = today.week(-2);
        // a form made today (no effectiveFrom) for someone who joined three weeks ago: nothing before today is owed
        assertThat(api.post("/api/report-templates", adminToken(), """
                {"templateId":"%s","name":"weekly","role":"%s","periodType":"WEEK","kind":"SUMMARY",
                 "deadline":{"weekday":"MONDAY","dayOffset":0,"time":"10:00"},
                 "fields":[{"key":"summary","label":"summary","type":"TEXT","required":true}]}""".formatted(template, role)).status())
                .isEqualTo(201);
        assertThat(api.post("/api/org/employees", adminToken(), """
                {"employeeId":"%s","name":"Zhao Lei","role":"%s","supervisorId":"%s","timeZone":"Asia/Shanghai",
                 "joinedOn":"%s"}""".formatted(joined, role, team.supervisor(), first.monday())).status()).isEqualTo(201);
        String sup = token(team.supervisor(), "SUPERVISOR");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/reports/timeliness?supervisorId=" + team.supervisor()
                + "&periodKey=" + today.week(1), sup).body().path("members").findValuesAsText("employeeId").contains(joined));
        assertThat(api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=" + first, sup)
                .body().path("members")).as("the week before the form existed is owed by nobody").isEmpty();

        // the pilot started the day the joiner did: an admin says so, with a reason; only an admin may
        String move = """
                {"effectiveFrom":"%s","reason":"the pilot team used paper forms from that day"}""".formatted(first.monday());
        assertProblem(api.put("/api/report-templates/" + template + "/effective-from", sup, move, null), 403, null);
        assertProblem(api.put("/api/report-templates/" + template + "/effective-from", adminToken(), """
                {"effectiveFrom":"%s"}""".formatted(first.monday()), null), 400, "reason");
        Api.Reply moved = api.put("/api/report-templates/" + template + "/effective-from", adminToken(), move, null);
        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        assertThat(moved.text("effectiveFrom")).isEqualTo(first.monday().toString());
        assertThat(moved.body().path("version").asInt()).isEqualTo(2);
        JsonNode audit = api.get("/api/report-templates/" + template + "/audit", adminToken()).body();
        assertThat(audit).singleElement().satisfies(change -> {
            assertThat(change.path("field").asText()).isEqualTo("effectiveFrom");
            assertThat(change.path("to").asText()).isEqualTo(first.monday().toString());
            assertThat(change.path("reason").asText()).isEqualTo("the pilot team used paper forms from that day");
        });
        assertProblem(api.get("/api/report-templates/" + template + "/audit", sup), 403, null);
        assertProblem(api.put("/api/report-templates/" + template, adminToken(), """
                {"name":"weekly","role":"%s","periodType":"WEEK","kind":"SUMMARY","effectiveFrom":"2020-01-06",
                 "deadline":{"weekday":"MONDAY","dayOffset":0,"time":"10:00"},
                 "fields":[{"key":"summary","label":"summary","type":"TEXT","required":true}]}""".formatted(role), null), 400, "effectiveFrom");

        // the sweep runs every few seconds: the last three weeks were due (Mondays 10:00) since the joining
        // Monday, none was submitted. This week is due this Monday 10:00, so whether it is missing yet depends on the
        // hour: it is not asserted either way; the week before joining and next week are never missing.
        AtomicReference<JsonNode> missing = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            missing.set(api.get("/api/reports/missing?ownerId=" + joined, sup).body());
            assertThat(missing.get().findValuesAsText("periodKey")).contains(first.key(), excused.key(), today.week(-1).key());
        });
        assertThat(missing.get().findValuesAsText("periodKey")).doesNotContain(today.week(-4).key(), today.week(1).key());

        assertProblem(api.post("/api/reports/excuses", token(joined, "EMPLOYEE"), """
                {"ownerId":"%s","templateId":"%s","periodKey":"%s","reason":"annual leave"}""".formatted(joined, template, excused)),
                403, null);
        assertThat(api.post("/api/reports/excuses", sup, """
                {"ownerId":"%s","templateId":"%s","periodKey":"%s","reason":"annual leave"}""".formatted(joined, template, excused))
                .status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode slots = api.get("/api/reports/missing?ownerId=" + joined, sup).body();
            for (JsonNode slot : slots) {
                String expected = slot.path("periodKey").asText().equals(excused.key()) ? "EXCUSED" : "MISSING";
                assertThat(slot.path("state").asText()).as(slot.toString()).isEqualTo(expected);
            }
        });
        assertProblem(api.get("/api/reports/missing?ownerId=" + joined, token("E-stranger", "SUPERVISOR")), 403, null);

        // the team view: the other member joined today, after these deadlines, so only the late joiner has rows
        JsonNode firstWeek = api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=" + first, sup).body();
        assertThat(firstWeek.at("/counts/MISSING").asInt()).isEqualTo(1);
        assertThat(firstWeek.path("members")).hasSize(1);
        JsonNode excusedWeek = api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=" + excused, sup).body();
        assertThat(excusedWeek.at("/counts/EXCUSED").asInt()).isEqualTo(1);
        assertProblem(api.get("/api/reports/timeliness?supervisorId=" + team.supervisor() + "&periodKey=" + excused,
                token(joined, "EMPLOYEE")), 403, null);
    }
}
