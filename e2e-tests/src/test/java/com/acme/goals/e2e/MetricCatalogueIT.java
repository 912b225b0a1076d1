package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 16: metric names come from a catalogue, and CRM records are named by their own ids. */
class MetricCatalogueIT extends StackTest {

    @Test
    void goals_and_templates_name_only_catalogued_metrics_in_their_units_and_admins_declare_typed_in_ones() throws Exception {
        Team team = registerTeam();
        String supervisor = token(team.supervisor(), "SUPERVISOR");
        String week = today.week(0).key();

        JsonNode catalogue = api.get("/api/metrics", token(team.employee(), "EMPLOYEE")).body();
        JsonNode payments = find(catalogue, "payment_collection");
        assertThat(payments.path("unitKind").asText()).isEqualTo("MONEY");
        assertThat(payments.path("source").asText()).isEqualTo("CRM");
        assertThat(payments.path("fedBy").toString()).isEqualTo("[\"crm.payment.received\"]");
        assertThat(find(catalogue, "visits").path("unitKind").asText()).isEqualTo("COUNT");

        // one letter missing: refused on the field, with the name that was meant
        Api.Reply typo = api.post("/api/goals", supervisor, goal(team.employee(), week, "payment_colection", "CNY"));
        assertProblem(typo, 400, "numericTargets[0].metric");
        assertThat(typo.text("detail")).contains("closest: payment_collection");
        assertProblem(api.post("/api/goals", supervisor, goal(team.employee(), week, "new_customers", "CNY")), 400,
                "numericTargets[0].unit");
        assertProblem(api.post("/api/goals", supervisor, goal(team.employee(), week, "payment_collection", "count")), 400,
                "numericTargets[0].unit");
        assertThat(api.post("/api/goals", supervisor, goal(team.employee(), week, "payment_collection", "CNY")).status())
                .isEqualTo(201);

        // a typed-in metric: only the admin declares it, once; then goals may name it
        String name = "agent_trainings_" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        String declaration = "{\"name\":\"" + name + "\",\"unitKind\":\"COUNT\",\"description\":\"trainings given to agents\"}";
        assertProblem(api.post("/api/metrics", supervisor, declaration), 403, null);
        assertThat(api.post("/api/metrics", adminToken(), declaration).status()).isEqualTo(201);
        assertProblem(api.post("/api/metrics", adminToken(), declaration), 409, null);
        assertProblem(api.post("/api/metrics", adminToken(), "{\"name\":\"Bad Name\",\"unitKind\":\"COUNT\"}"), 400, "name");
        assertProblem(api.post("/api/metrics", adminToken(), "{\"name\":\"x_y\",\"unitKind\":\"HOURS\"}"), 400, "unitKind");
        assertThat(api.post("/api/goals", supervisor, goal(team.employee(), week, name, "count")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> find(api.get("/api/metrics", supervisor).body(), name) != null);
        JsonNode declared = find(api.get("/api/metrics", supervisor).body(), name);
        assertThat(declared.path("source").asText()).isEqualTo("TYPED_IN");
        assertThat(declared.path("declaredBy").asText()).isNotBlank();

        // a template's CRM source must be a metric the CRM feeds
        Api.Reply template = api.post("/api/report-templates", adminToken(), """
                {"templateId":"mc-%s","name":"metric check","role":"MATRIX","periodType":"WEEK","kind":"SUMMARY",
                 "deadline":{"dayOffset":6,"time":"18:00"},"fields":[{"key":"actual","label":"actual","type":"MONEY",
                 "source":{"metric":"payment_colection","unit":"CNY","period":"CURRENT"}}]}""".formatted(UUID.randomUUID()));
        assertProblem(template, 400, "fields[0].source.metric");
        assertThat(template.text("detail")).contains("closest: payment_collection");
    }

    @Test
    void a_payment_on_the_board_is_named_by_its_payment_id_not_the_senders_subject() throws Exception {
        Team team = registerTeam();
        Today.Week week = today.week(-1);
        String paymentId = "P-" + UUID.randomUUID().toString().substring(0, 8);
        String event = payment("crm-" + UUID.randomUUID(), team.employee(), week.at(TUESDAY, "10:15"), "1200.00")
                .replaceFirst("\"subject\":\"[^\"]*\"", "\"subject\":\"urn:crm:placeholder\"")
                .replaceFirst("\"paymentId\":\"[^\"]*\"", "\"paymentId\":\"" + paymentId + "\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), event);

        AtomicReference<JsonNode> record = new AtomicReference<>();
        String owner = token(team.employee(), "EMPLOYEE");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode board = api.get("/api/boards/weeks/" + team.employee() + "/" + week.key(), owner).body();
            record.set(board.at("/records/payments/0"));
            return !record.get().isMissingNode();
        });
        assertThat(record.get().path("recordIdField").asText()).isEqualTo("paymentId");
        assertThat(record.get().path("recordId").asText()).isEqualTo(paymentId);
        assertThat(record.get().path("ref").asText()).isEqualTo("payment/" + paymentId);
        assertThat(record.get().path("subject").asText()).isEqualTo("urn:crm:placeholder");
    }

    private static JsonNode find(JsonNode catalogue, String name) {
        for (JsonNode metric : catalogue) {
            if (name.equals(metric.path("name").asText())) {
                return metric;
            }
        }
        return null;
    }

    private static String goal(String owner, String week, String metric, String unit) {
        return """
                {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"week","numericTargets":[{"metric":"%s","target":"10","unit":"%s"}],"actions":[]}"""
                .formatted(owner, week, metric, unit);
    }
}
