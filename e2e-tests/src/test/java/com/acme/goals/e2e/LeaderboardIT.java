package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 16: a team's leaderboard, off until its supervisor opens it, seen only by the team and those above. */
class LeaderboardIT extends StackTest {

    @Test
    void the_supervisor_opens_a_leaderboard_the_team_sees_ranked_with_ties_and_pages_and_a_stranger_never_does() throws Exception {
        Team team = registerTeam();
        String s = team.supervisor();
        String supervisor = token(s, "SUPERVISOR");
        String member = token(team.employee(), "EMPLOYEE");
        Today.Week week = today.week(-1);
        String suffix = team.employee().substring(2);
        List<String> others = List.of("E2-" + suffix, "E3-" + suffix, "E4-" + suffix);
        for (String other : others) {
            assertThat(api.post("/api/org/employees", adminToken(), """
                    {"employeeId":"%s","name":"Channel manager","role":"CHANNEL_MANAGER","supervisorId":"%s","timeZone":"Asia/Shanghai"}"""
                    .formatted(other, s)).status()).isEqualTo(201);
        }
        // 50%, 50%, 80%; the fourth has no goal on the metric: unranked
        List<String> ranked = List.of(team.employee(), others.get(0), others.get(1));
        List<String> amounts = List.of("5000.00", "5000.00", "8000.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));
        for (int i = 0; i < ranked.size(); i++) {
            assertThat(api.post("/api/goals", supervisor, """
                    {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"collect",
                     "numericTargets":[{"metric":"payment_collection","target":"10000","unit":"CNY"}]}"""
                    .formatted(ranked.get(i), week.key())).status()).isEqualTo(201);
            kafka.publish(Topics.CRM_ACTIVITY, ranked.get(i),
                    payment("crm-" + UUID.randomUUID(), ranked.get(i), week.at(TUESDAY, "10:15"), amounts.get(i)));
        }
        String path = "/api/leaderboards/teams/" + s + "?periodKey=" + week.key();

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dashboards/teams/" + s + "?periodKey=" + week.key(), supervisor).status() == 200);
        assertProblem(api.get(path, member), 404, null); // off by default
        String open = "{\"rankBy\":\"METRIC\",\"metric\":\"payment_collection\"}";
        assertProblem(api.put("/api/leaderboards/teams/" + s, member, open, null), 403, null);
        assertProblem(api.put("/api/leaderboards/teams/" + s, supervisor, "{\"rankBy\":\"METRIC\",\"metric\":\"payment_colection\"}", null),
                400, "metric");
        assertProblem(api.put("/api/leaderboards/teams/" + s, supervisor, "{\"rankBy\":\"LUCK\"}", null), 400, "rankBy");
        assertThat(api.put("/api/leaderboards/teams/" + s, supervisor, open, null).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Api.Reply reply = api.get(path + "&size=4", member);
            return reply.status() == 200 && "80.00".equals(reply.body().at("/entries/0/value").asText())
                    && reply.body().at("/entries/2/value").asText().equals("50.00");
        });
        JsonNode board = api.get(path + "&size=4", member).body();
        assertThat(board.path("total").asInt()).isEqualTo(4);
        assertThat(board.findValuesAsText("employeeId")).containsExactly(others.get(1),
                List.of(team.employee(), others.get(0)).stream().sorted().toList().get(0),
                List.of(team.employee(), others.get(0)).stream().sorted().toList().get(1), others.get(2));
        List<String> ranks = new java.util.ArrayList<>();
        board.path("entries").forEach(e -> ranks.add(e.path("rank").isNumber() ? e.path("rank").asText() : "unranked"));
        assertThat(ranks).containsExactly("1", "2", "2", "unranked");
        JsonNode secondPage = api.get(path + "&size=2&page=1", supervisor).body();
        assertThat(secondPage.at("/entries/0/rank").asInt()).isEqualTo(2);
        assertThat(secondPage.at("/entries/1/employeeId").asText()).isEqualTo(others.get(2));

        assertProblem(api.get(path, token("E-stranger-" + UUID.randomUUID(), "EMPLOYEE")), 403, null);
        assertThat(api.get(path, adminToken()).status()).isEqualTo(200);
        assertProblem(api.get(path.replace(week.key(), week.day(TUESDAY).toString()), member), 400, "periodKey");

        assertThat(api.delete("/api/leaderboards/teams/" + s, supervisor).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(path, member).status() == 404);
    }
}
