package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.acme.goals.localstack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The doors for other systems: HTTP ingest beside Kafka, one pipeline; HR's feed on org.activity. */
class CrmIngestIT extends StackTest {

    @Test
    void http_ingest_answers_per_event_and_shares_de_duplication_with_kafka() throws Exception {
        Team team = registerTeam();
        Today.Week week = today.week(-1);
        String goalId = new GoalTrees(api).set(token(team.supervisor(), "SUPERVISOR"), team.employee(), "WEEK", week.key(), null,
                "last week", GoalTrees.cny("payment_collection", 100_000), "");
        String integration = token("crm-core", "INTEGRATION");
        String good = SkeletonFlow.payment("crm-" + UUID.randomUUID(), team.employee(), week.at(TUESDAY, "10:15"), "25000.00");
        String negative = SkeletonFlow.payment("crm-" + UUID.randomUUID(), team.employee(), week.at(TUESDAY, "10:15"), "-1.00");
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
    void activity_of_someone_not_hired_yet_waits_and_counts_once_they_are() throws Exception {
        Team team = registerTeam();
        String newcomer = "E-late-" + UUID.randomUUID().toString().substring(0, 8);
        Today.Week week = today.week(-1);
        String integration = token("crm-core", "INTEGRATION");
        String paymentId = "crm-" + UUID.randomUUID();
        String payment = payment(paymentId, newcomer, week.at(TUESDAY, "10:15"), "30000.00");
        assertThat(api.post("/api/crm/activity", integration, "[" + payment + "]").body().path("results").findValuesAsText("outcome"))
                .containsExactly("PARKED");
        // the admin sees who is missing and what waits for them; nobody else may
        String admin = adminToken();
        JsonNode waiting = waitingFor(newcomer, admin).orElseThrow();
        assertThat(waiting.path("records").asInt()).isEqualTo(1);
        JsonNode parked = api.get("/api/crm/parked/" + newcomer, admin).body();
        assertThat(parked.path("total").asInt()).isEqualTo(1);
        assertThat(parked.at("/items/0/id").asText()).isEqualTo(paymentId);
        assertThat(parked.at("/items/0/type").asText()).isEqualTo("crm.payment.received");
        assertThat(parked.at("/items/0/amount").asText()).isEqualTo("30000.00");
        assertProblem(api.get("/api/crm/parked", token(team.supervisor(), "SUPERVISOR")), 403, null);
        assertProblem(api.get("/api/crm/parked?size=101", admin), 400, "size");
        // and the alert on records waiting over an hour counts it (Prometheus scrapes from inside the network)
        String scraped = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                stack.service("crm-link-service").url() + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher gauge = java.util.regex.Pattern.compile(
                "goals_feed_parked\\{[^}]*group=\"crm-link-service\\.unknown-owners\"[^}]*} ([0-9.E]+)").matcher(scraped);
        assertThat(gauge.find()).as("goals_feed_parked of crm-link's unknown owners").isTrue();
        assertThat(Double.parseDouble(gauge.group(1))).isGreaterThanOrEqualTo(1);

        assertThat(api.post("/api/org/employees", adminToken(), """
                {"employeeId":"%s","name":"Late joiner","role":"CHANNEL_MANAGER","supervisorId":"%s","timeZone":"Asia/Shanghai",
                 "joinedOn":"%s"}""".formatted(newcomer, team.supervisor(), week.monday())).status()).isEqualTo(201);
        String goalId = new GoalTrees(api).set(token(team.supervisor(), "SUPERVISOR"), newcomer, "WEEK", week.key(), null,
                "last week", GoalTrees.cny("payment_collection", 100_000), "");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.get("/api/progress/goals/" + goalId,
                token(newcomer, "EMPLOYEE")).body().at("/metrics/0/actual").asText()).isEqualTo("30000.00"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(waitingFor(newcomer, admin)).as("released: nothing waits for them any more").isEmpty());
        // released once: the same event sent again is a duplicate, and the total stays
        assertThat(api.post("/api/crm/activity", integration, "[" + payment + "]").body().path("results").findValuesAsText("outcome"))
                .containsExactly("DUPLICATE");
        assertThat(api.get("/api/progress/goals/" + goalId, token(newcomer, "EMPLOYEE")).body().at("/metrics/0/actual").asText())
                .isEqualTo("30000.00");
    }

    private java.util.Optional<JsonNode> waitingFor(String ownerId, String admin) throws Exception {
        for (JsonNode owner : api.get("/api/crm/parked?size=100", admin).body().path("items")) {
            if (owner.path("ownerId").asText().equals(ownerId)) {
                return java.util.Optional.of(owner);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The test stack registers {@link LocalStack#INGEST_PROBE} for urn:acme:crm-core and urn:acme:tenants/*: an event for
     * another source refuses the whole request with 403 naming the event's {@code source}, and nothing of it is kept (the
     * same event id sent rightly afterwards is accepted, not a duplicate).
     */
    @Test
    void an_integration_client_publishes_only_for_the_sources_it_is_registered_for() throws Exception {
        Team team = registerTeam();
        String probe = token(LocalStack.INGEST_PROBE, "INTEGRATION");
        String id = "crm-" + UUID.randomUUID();
        String own = SkeletonFlow.payment(id, team.employee(), today.week(-1).at(TUESDAY, "10:15"), "10.00");
        String forged = own.replace("urn:acme:crm-core", "urn:acme:hr");
        Api.Reply refused = api.post("/api/crm/activity", probe, forged);
        assertProblem(refused, 403, null);
        assertThat(refused.body().path("detail").asText())
                .isEqualTo("source: client crm-probe is registered for urn:acme:crm-core, urn:acme:tenants/*, not for 'urn:acme:hr'");
        Api.Reply mixed = api.post("/api/crm/activity", probe, "[" + own.replace("urn:acme:crm-core", "urn:acme:tenants/7") + "," + forged + "]");
        assertProblem(mixed, 403, null);
        assertThat(mixed.body().path("detail").asText()).startsWith("[1].source: ");

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));
        Api.Reply accepted = api.post("/api/crm/activity", probe, own);
        assertThat(accepted.body().path("results").findValuesAsText("outcome")).as(accepted.body().toString()).containsExactly("ACCEPTED");
        Api.Reply other = api.post("/api/crm/activity", token("crm-unnamed", "INTEGRATION"),
                SkeletonFlow.payment("crm-" + UUID.randomUUID(), team.employee(), today.week(-1).at(TUESDAY, "10:15"), "1.00")
                        .replace("urn:acme:crm-core", "urn:acme:anything"));
        assertThat(other.status()).as("an unnamed client in local mode").isEqualTo(202);
    }

    /**
     * Over Kafka the registered client writes its own topic, {@code crm.activity.crm-probe} (which a production broker's
     * ACLs let only its principal write): its own source goes through to {@code crm.events}; another source goes to that
     * topic's dead-letter topic with the reason, never to {@code crm.events}.
     */
    @Test
    void over_kafka_a_client_topic_carries_only_the_sources_its_client_is_registered_for() throws Exception {
        Team team = registerTeam();
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));
        String topic = Topics.CRM_ACTIVITY + "." + LocalStack.INGEST_PROBE;
        String ownId = "crm-" + UUID.randomUUID();
        String forgedId = "crm-" + UUID.randomUUID();
        String own = SkeletonFlow.payment(ownId, team.employee(), today.week(-1).at(TUESDAY, "10:15"), "10.00");
        String forged = SkeletonFlow.payment(forgedId, team.employee(), today.week(-1).at(TUESDAY, "10:20"), "20.00")
                .replace("urn:acme:crm-core", "urn:acme:hr");
        kafka.publish(topic, team.employee(), forged);
        kafka.publish(topic, team.employee(), own);

        List<ConsumerRecord<String, byte[]>> refused = kafka.readUntil(Topics.deadLetter(topic),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(forgedId), 1, Duration.ofSeconds(60));
        assertThat(refused).hasSize(1);
        assertThat(new String(refused.get(0).value(), StandardCharsets.UTF_8)).as("the original bytes").isEqualTo(forged);
        assertThat(new String(refused.get(0).headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("source: client crm-probe is registered for urn:acme:crm-core, urn:acme:tenants/*, not for 'urn:acme:hr'");
        List<ConsumerRecord<String, byte[]>> recorded = kafka.readUntil(Topics.CRM_EVENTS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(ownId), 1, Duration.ofSeconds(60));
        assertThat(recorded).as("the client's own source is recorded").hasSize(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp("crm-link-service", topic));
        List<String> onEvents = new java.util.ArrayList<>();
        kafka.readAll(Topics.CRM_EVENTS, r -> onEvents.add(new String(r.value(), StandardCharsets.UTF_8)));
        assertThat(onEvents).noneMatch(e -> e.contains(forgedId));
    }

    @Test
    void hr_feed_builds_the_org_chart_in_any_order_and_dead_letters_what_it_cannot_apply() throws Exception {
        // the contract's sample HR feed (shared/data/org.jsonl), copied into the test resources; hired eight weeks ago
        String hiredAt = Today.at(today.week(-8).day(java.time.DayOfWeek.FRIDAY), "08:00");
        List<String> hires;
        try (var in = getClass().getResourceAsStream("/hr/org.jsonl")) {
            hires = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> l.replaceAll("\"time\": \"[^\"]+\"", "\"time\": \"" + hiredAt + "\"")).toList();
        }
        assertThat(hires).allSatisfy(hire -> assertThat(hire).contains(hiredAt));
        assertThat(hires).hasSize(11);
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

    static String visit(String id, String ownerId, String actionId, String time) {
        return ("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"urn:acme:crm-core\",\"type\":\"crm.visit.logged\","
                + "\"subject\":\"visit/%s\",\"time\":\"%s\",\"data\":{\"activityId\":\"%s\","
                + "\"customerId\":\"C-1001\",\"ownerId\":\"%s\",\"actionId\":\"%s\"}}").formatted(id, id, time, id, ownerId, actionId);
    }

    /** A hire whose supervisor is not hired yet waits in goal-service, where an admin sees it, and applies once they are. */
    @Test
    void a_hire_waiting_for_its_supervisor_is_listed_for_the_admin_and_applies_once_the_supervisor_is_hired() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 6);
        String lead = "S-wait-" + s;
        String rep = "E-wait-" + s;
        String hiredAt = Today.at(today.week(-1).day(java.time.DayOfWeek.MONDAY), "08:00");
        kafka.publish(Topics.ORG_ACTIVITY, rep, hire(rep, lead, "CHANNEL_MANAGER", hiredAt));
        String admin = adminToken();
        JsonNode waiting = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> parked("/api/org/parked", "employee:" + lead, admin), java.util.Optional::isPresent).orElseThrow();
        assertThat(waiting.path("group").asText()).startsWith("goal-service");
        assertThat(waiting.path("topic").asText()).isEqualTo(Topics.ORG_ACTIVITY);
        assertThat(waiting.path("type").asText()).isEqualTo("hr.employee.hired");
        assertThat(waiting.path("reason").asText()).contains("supervisorId", lead);
        assertProblem(api.get("/api/org/parked", token(lead, "SUPERVISOR")), 403, null);
        assertProblem(api.get("/api/scoring/parked", token(rep, "EMPLOYEE")), 403, null);
        assertThat(api.get("/api/scoring/parked", admin).status()).isEqualTo(200);

        kafka.publish(Topics.ORG_ACTIVITY, lead, hire(lead, null, "CHANNEL_MANAGER_LEAD", hiredAt));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get("/api/org/employees/" + rep, admin).body().path("supervisorChain").toString()).contains(lead));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked("/api/org/parked", "employee:" + lead, admin).isEmpty());
    }

    private static String hire(String employeeId, String supervisorId, String role, String at) {
        return """
                {"specversion":"1.0","id":"hr-%s","source":"urn:example:hr","type":"hr.employee.hired","time":"%s",
                 "datacontenttype":"application/json","data":{"employeeId":"%s","name":"n","role":"%s","supervisorId":%s,
                 "timeZone":"Asia/Shanghai"}}""".formatted(employeeId, at, employeeId, role,
                supervisorId == null ? "null" : "\"" + supervisorId + "\"");
    }

    /** The parked record of a service's listing that waits for {@code waitingFor}, read page by page. */
    private java.util.Optional<JsonNode> parked(String path, String waitingFor, String admin) throws Exception {
        for (int page = 0; ; page++) {
            JsonNode listed = api.get(path + "?size=100&page=" + page, admin).body();
            for (JsonNode record : listed.path("items")) {
                if (record.path("waitingFor").asText().equals(waitingFor)) {
                    return java.util.Optional.of(record);
                }
            }
            if ((page + 1) * 100L >= listed.path("total").asLong()) {
                return java.util.Optional.empty();
            }
        }
    }

    @Test
    void a_logged_visit_completes_its_planned_action_once_and_never_another_owners() throws Exception {
        Team team = registerTeam();
        Team other = registerTeam();
        String me = token(team.employee(), "EMPLOYEE");
        Today.Week week = today.week(-1);
        String visitedAt = week.at(TUESDAY, "15:00");
        String goalId = new GoalTrees(api).set(me, team.employee(), "DAY", week.day(TUESDAY).toString(), null, "Tuesday", "",
                "{\"title\":\"visit the East China agent\",\"kind\":\"VISIT\",\"customerId\":\"C-1001\"}");
        java.util.concurrent.atomic.AtomicReference<String> actionId = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode goal = api.get("/api/goals/" + goalId, me).body();
            actionId.set(goal.at("/actions/0/actionId").asText(null));
            return actionId.get() != null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));

        String logged = visit("crm-" + UUID.randomUUID(), team.employee(), actionId.get(), visitedAt);
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), logged);
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), visit("crm-" + UUID.randomUUID(), team.employee(), actionId.get(), visitedAt));
        String foreign = visit("crm-" + UUID.randomUUID(), other.employee(), actionId.get(), visitedAt);
        kafka.publish(Topics.CRM_ACTIVITY, other.employee(), foreign);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/api/goals/" + goalId, me).body().at("/actions/0/completed").asBoolean()).isTrue());
        List<ConsumerRecord<String, byte[]>> refused = kafka.readUntil(Topics.deadLetter(Topics.CRM_EVENTS),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(other.employee()), 1, Duration.ofSeconds(60));
        assertThat(refused).hasSize(1);
        assertThat(new String(refused.get(0).headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                .contains("belongs to " + team.employee());
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp("goal-service.action-completions", Topics.CRM_EVENTS));
        JsonNode history = api.get("/api/goals/" + goalId + "/history", me).body();
        assertThat(history.findValuesAsText("type").stream().filter("goal.ActionCompleted"::equals)).hasSize(1);
    }
}
