package com.acme.goals.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The goal endpoints of api.md through the gateway: every status a client can see, as problem details. */
class GoalApiIT extends StackTest {

    private Api.Reply awaitGoal(String goalId, String token, long version) {
        List<Api.Reply> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Reply r = api.get("/api/goals/" + goalId, token);
            last.clear();
            last.add(r);
            return r.status() == 200 && r.body().path("version").asLong() >= version;
        });
        return last.get(0);
    }

    static void assertProblem(Api.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(reply.text("field")).as(reply.body().toString()).isEqualTo(field);
        }
    }

    @Test
    void setting_reading_revising_and_closing_a_goal_answers_every_status_as_problem_details() throws Exception {
        Team team = registerTeam();
        String owner = token(team.employee(), "EMPLOYEE");
        String supervisor = token(team.supervisor(), "SUPERVISOR");
        String stranger = token("E-stranger", "SUPERVISOR");
        java.time.YearMonth month = today.month(0);

        assertProblem(api.post("/api/goals", owner, """
                {"ownerId":"%s","periodType":"MONTH","periodKey":"%s","title":"this month",
                 "numericTargets":[{"metric":"contract_amount","target":"500000","unit":"CNY"},
                                   {"metric":"assessment_amount","target":"600000","unit":"CNY"}]}""".formatted(team.employee(), month)),
                400, "numericTargets");
        assertProblem(api.post("/api/goals", stranger, """
                {"ownerId":"%s","periodType":"MONTH","periodKey":"%s","title":"this month"}""".formatted(team.employee(), month)),
                403, null);

        Api.Reply created = api.post("/api/goals", owner, """
                {"ownerId":"%s","periodType":"MONTH","periodKey":"%s","title":"this month",
                 "numericTargets":[{"metric":"contract_amount","target":"700000","unit":"CNY"},
                                   {"metric":"assessment_amount","target":"600000","unit":"CNY"},
                                   {"metric":"payment_collection","target":"100000","unit":"CNY"}]}""".formatted(team.employee(), month));
        assertThat(created.status()).isEqualTo(201);
        String goalId = created.text("goalId");

        JsonNode goal = awaitGoal(goalId, owner, 0).body();
        assertThat(goal.path("status").asText()).isEqualTo("OPEN");
        assertThat(api.get("/api/goals/" + goalId, supervisor).status()).isEqualTo(200);
        assertProblem(api.get("/api/goals/" + goalId, stranger), 403, null);
        assertProblem(api.get("/api/goals/G-does-not-exist", owner), 404, null);

        // a week two months on lies outside this month: not a child of it
        Today.Week outside = new Today.Week(month.plusMonths(2).atDay(15).with(java.time.DayOfWeek.MONDAY));
        assertProblem(api.post("/api/goals", owner, """
                {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","parentGoalId":"%s","title":"elsewhere"}"""
                .formatted(team.employee(), outside.key(), goalId)), 400, "periodKey");

        // revise with If-Match; a second revision based on the same version is stale
        String revise = """
                {"numericTargets":[{"metric":"contract_amount","target":"800000","unit":"CNY"},
                                   {"metric":"assessment_amount","target":"600000","unit":"CNY"}],"reason":"new agent"}""";
        Api.Reply revised = api.put("/api/goals/" + goalId, supervisor, revise, "\"0\"");
        assertThat(revised.status()).as(revised.body().toString()).isEqualTo(200);
        assertThat(revised.body().path("version").asLong()).isEqualTo(1);
        assertProblem(api.put("/api/goals/" + goalId, supervisor, revise, "\"0\""), 409, "expectedVersion");
        assertProblem(api.put("/api/goals/" + goalId, supervisor, """
                {"numericTargets":[],"reason":""}""", null), 400, "reason");
        assertProblem(api.put("/api/goals/" + goalId, stranger, revise, null), 403, null);

        // actions: only the owner plans and completes, once
        assertProblem(api.post("/api/goals/" + goalId + "/actions", owner, """
                {"title":"visit the agent","kind":"VISIT"}"""), 400, "action.customerId");
        assertProblem(api.post("/api/goals/" + goalId + "/actions", supervisor, """
                {"title":"visit the agent","kind":"VISIT","customerId":"C-1"}"""), 403, null);
        Api.Reply planned = api.post("/api/goals/" + goalId + "/actions", owner, """
                {"title":"visit the agent","kind":"VISIT","customerId":"C-1","plannedOn":"%s"}""".formatted(month.atDay(24)));
        assertThat(planned.status()).isEqualTo(201);
        String actionId = planned.text("actionId");
        assertThat(api.post("/api/goals/" + goalId + "/actions/" + actionId + "/complete", owner, "{\"note\":\"signed\"}").status())
                .isEqualTo(204);
        assertProblem(api.post("/api/goals/" + goalId + "/actions/" + actionId + "/complete", owner, "{}"), 409, null);
        assertProblem(api.post("/api/goals/" + goalId + "/actions/A-404/complete", owner, "{}"), 404, null);
        assertProblem(api.delete("/api/goals/" + goalId + "/actions/" + actionId + "?reason=changed+plan", owner), 409, null);

        JsonNode afterActions = awaitGoal(goalId, owner, 3).body();
        assertThat(afterActions.path("revisions").asInt()).isEqualTo(1);
        assertThat(afterActions.at("/actions/0/completed").asBoolean()).isTrue();

        Api.Reply history = api.get("/api/goals/" + goalId + "/history", supervisor);
        assertThat(history.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        history.body().forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("goal.GoalSet", "goal.GoalRevised", "goal.ActionPlanned", "goal.ActionCompleted");
        assertProblem(api.delete("/api/goals/" + goalId + "/actions/" + actionId + "?reason=x", stranger), 403, null);
        assertThat(history.body().get(1).at("/change/reason").asText()).isEqualTo("new agent");
        assertThat(history.body().get(1).at("/change/revisedBy").asText()).isEqualTo(team.supervisor());
        assertThat(history.body().get(1).at("/change/previousTargets/0/target").asText()).isEqualTo("700000");
        assertProblem(api.get("/api/goals/" + goalId + "/history", stranger), 403, null);
        assertThat(api.get("/api/goals/" + goalId + "/tree", supervisor).status()).isEqualTo(200);
        assertProblem(api.get("/api/goals/" + goalId + "/tree", stranger), 403, null);
        assertProblem(api.get("/api/goals/G-does-not-exist/tree", owner), 404, null);

        Api.Reply list = api.get("/api/goals?ownerId=" + team.employee() + "&periodKey=" + month, supervisor);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("total").asLong()).isEqualTo(1);
        assertThat(list.body().at("/items/0/goalId").asText()).isEqualTo(goalId);
        assertProblem(api.get("/api/goals?ownerId=" + team.employee(), stranger), 403, null);
        assertProblem(api.get("/api/goals?ownerId=" + team.employee() + "&size=501", supervisor), 400, "size");

        assertProblem(api.post("/api/goals/" + goalId + "/close", supervisor, "{\"outcome\":\"CANCELLED\"}"), 400, "reason");
        assertThat(api.post("/api/goals/" + goalId + "/close", supervisor, "{\"outcome\":\"MISSED\"}").status()).isEqualTo(204);
        assertProblem(api.put("/api/goals/" + goalId, owner, revise, null), 409, null);
    }


    @Test
    void the_org_directory_keeps_moves_in_history_refuses_cycles_and_keeps_those_who_left() throws Exception {
        Team team = registerTeam();
        String admin = adminToken();
        String otherLead = "S2-" + team.employee();
        assertThat(api.post("/api/org/employees", admin, """
                {"employeeId":"%s","name":"Other lead","role":"CHANNEL_MANAGER_LEAD","timeZone":"Asia/Shanghai"}"""
                .formatted(otherLead)).status()).isEqualTo(201);
        String beforeMove = today.now().toString(); // the services' clock, which dates the move

        assertProblem(api.put("/api/org/employees/" + team.employee() + "/supervisor", token(team.supervisor(), "SUPERVISOR"),
                "{\"supervisorId\":\"" + otherLead + "\"}", null), 403, null);
        Api.Reply moved = api.put("/api/org/employees/" + team.employee() + "/supervisor", admin,
                "{\"supervisorId\":\"" + otherLead + "\"}", null);
        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        assertProblem(api.put("/api/org/employees/" + otherLead + "/supervisor", admin,
                "{\"supervisorId\":\"" + team.employee() + "\"}", null), 400, "supervisorId");
        assertProblem(api.put("/api/org/employees/" + team.employee() + "/supervisor", admin,
                "{\"supervisorId\":\"E-nobody\"}", null), 400, "supervisorId");

        String reader = token(team.employee(), "EMPLOYEE");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Reply now = api.get("/api/org/employees/" + team.employee(), reader);
            assertThat(now.body().path("supervisorId").asText()).isEqualTo(otherLead);
        });
        Api.Reply then = api.get("/api/org/employees/" + team.employee() + "?asOf=" + beforeMove, reader);
        assertThat(then.body().path("supervisorId").asText()).isEqualTo(team.supervisor());
        assertProblem(api.get("/api/org/employees/E-nobody", reader), 404, null);

        assertThat(api.post("/api/org/employees/" + team.employee() + "/leave", admin, "").status()).isEqualTo(204);
        assertProblem(api.post("/api/goals", token(otherLead, "SUPERVISOR"), """
                {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"t"}""".formatted(team.employee(), today.week(1))),
                400, "ownerId");
        assertProblem(api.put("/api/org/employees/" + team.employee() + "/supervisor", admin,
                "{\"supervisorId\":\"" + team.supervisor() + "\"}", null), 409, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/org/employees/" + team.employee(), reader).body().hasNonNull("leftAt")).isTrue());
    }
}
