package com.acme.goals.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runbook's rebuild of an Axon projection, done as an operator would (docs/operations/README.md, "Rebuilding read
 * models"): stop the service, delete the processor's tokens, empty the collections it writes, start it. The goal views
 * come back from the event store as they were: targets after a revision, an action completed, the tree.
 */
class ProjectionRebuildIT extends StackTest {

    private static final List<String> GOAL_VIEWS = List.of("goal_views", "action_index", "goal_incomplete", "declared_metrics");

    @Test
    void goal_views_rebuilt_from_the_event_store_answer_as_before() throws Exception {
        Team team = registerTeam();
        String supervisor = token(team.supervisor(), "SUPERVISOR");
        String owner = token(team.employee(), "EMPLOYEE");
        String week = today.week(0).key();
        String goalId = setWeekGoal(team, week);
        Api.Reply action = api.post("/api/goals/" + goalId + "/actions", owner, """
                {"title":"visit the East China agent","kind":"VISIT","customerId":"C-1001"}""");
        assertThat(action.status()).as(action.body().toString()).isEqualTo(201);
        String actionId = action.text("actionId");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.post("/api/goals/" + goalId + "/actions/" + actionId + "/complete", owner, "{\"note\":\"done\"}").status() == 204);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.put("/api/goals/" + goalId, supervisor, """
                {"numericTargets":[{"metric":"payment_collection","target":"120000","unit":"CNY"}],"reason":"agent prepaid"}""",
                null).status() == 200);
        JsonNode before = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/goals/" + goalId, owner).body(),
                goal -> goal.path("revisions").asInt() == 1 && goal.at("/actions/0/completed").asBoolean());
        JsonNode listBefore = api.get("/api/goals?ownerId=" + team.employee(), owner).body();

        stack.service("goal-service").stop();
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoDatabase store = client.getDatabase("goal-service");
            long tokens = store.getCollection("trackingtokens").deleteMany(Filters.eq("processorName", "goal-views"))
                    .getDeletedCount();
            assertThat(tokens).as("the processor's token segments").isPositive();
            for (String collection : GOAL_VIEWS) {
                store.getCollection(collection).deleteMany(new Document());
            }
            assertThat(store.getCollection("goal_views").countDocuments()).isZero();
        }
        stack.service("goal-service").start();
        stack.service("goal-service").awaitHealthy(Duration.ofMinutes(2));

        JsonNode after = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                () -> api.get("/api/goals/" + goalId, owner), reply -> reply.status() == 200
                        && reply.body().path("version").equals(before.path("version"))).body();
        assertThat(after).isEqualTo(before);
        assertThat(api.get("/api/goals?ownerId=" + team.employee(), owner).body()).isEqualTo(listBefore);
        assertThat(api.get("/api/metrics", owner).body().findValuesAsText("name")).contains("payment_collection");
    }
}
