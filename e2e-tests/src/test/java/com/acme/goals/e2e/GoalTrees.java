package com.acme.goals.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Building and printing goal trees through the API. */
final class GoalTrees {

    private final Api api;

    GoalTrees(Api api) {
        this.api = api;
    }

    String set(String token, String ownerId, String type, String key, String parent, String title, String targets,
               String actions) throws Exception {
        String body = """
                {"ownerId":"%s","periodType":"%s","periodKey":%s,"parentGoalId":%s,"title":"%s","numericTargets":[%s],"actions":[%s]}"""
                .formatted(ownerId, type, key == null ? "null" : "\"" + key + "\"", parent == null ? "null" : "\"" + parent + "\"",
                        title, targets, actions);
        Api.Reply reply = api.post("/api/goals", token, body);
        assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(201);
        return reply.text("goalId");
    }

    static String cny(String metric, long amount) {
        return "{\"metric\":\"" + metric + "\",\"target\":\"" + amount + "\",\"unit\":\"CNY\"}";
    }

    static int count(JsonNode node) {
        int n = 1;
        for (JsonNode child : node.path("children")) {
            n += count(child);
        }
        return n;
    }

    /** One line per goal: period, title, own targets with the children's sum and the gap, then its actions. */
    static void print(JsonNode node, String indent, StringBuilder out) {
        JsonNode goal = node.path("goal");
        out.append(indent).append(goal.path("periodKey").asText(goal.path("periodType").asText()))
                .append("  ").append(goal.path("title").asText());
        for (JsonNode sum : node.path("childSums")) {
            out.append("  | ").append(sum.path("metric").asText()).append(' ').append(sum.path("target").asText())
                    .append(' ').append(sum.path("unit").asText());
            if (node.path("children").size() > 0) {
                out.append(" (children ").append(sum.path("childrenSum").asText()).append(", gap ")
                        .append(sum.path("gap").asText()).append(')');
            }
        }
        out.append('\n');
        for (JsonNode action : goal.path("actions")) {
            out.append(indent).append("    - ").append(action.path("kind").asText()).append(": ").append(action.path("title").asText());
            if (action.hasNonNull("customerId")) {
                out.append(" [customer ").append(action.path("customerId").asText()).append(']');
            }
            out.append('\n');
        }
        for (JsonNode child : node.path("children")) {
            print(child, indent + "  ", out);
        }
    }
}
