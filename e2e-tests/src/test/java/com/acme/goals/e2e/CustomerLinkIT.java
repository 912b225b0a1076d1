package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A customer linked to a week goal: the customer's records of that week show under the goal, and only there. */
class CustomerLinkIT extends StackTest {

    static String customerCreated(String id, String ownerId, String customerId, String time) {
        return ("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"urn:acme:crm-core\",\"type\":\"crm.customer.created\","
                + "\"time\":\"%s\",\"data\":{\"customerId\":\"%s\",\"name\":\"华东代理\",\"ownerId\":\"%s\"}}")
                .formatted(id, time, customerId, ownerId);
    }

    @Test
    void the_owner_links_a_customer_and_the_weeks_records_of_that_customer_show_under_the_goal() throws Exception {
        Team team = registerTeam();
        Team other = registerTeam();
        String me = token(team.employee(), "EMPLOYEE");
        String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
        Today.Week week = today.week(-1);
        String goalId = new GoalTrees(api).set(me, team.employee(), "WEEK", week.key(), null, "last week",
                GoalTrees.cny("payment_collection", 100_000),
                "{\"title\":\"visit the new agent\",\"kind\":\"VISIT\",\"customerId\":\"" + customer + "\"}");
        AtomicReference<String> actionId = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            actionId.set(api.get("/api/goals/" + goalId, me).body().at("/actions/0/actionId").asText(null));
            return actionId.get() != null;
        });

        // crm-link learns of the goal from goal.events: until then the goal is unknown to it
        String link = "{\"goalId\":\"" + goalId + "\",\"customerId\":\"" + customer + "\"}";
        AtomicReference<Api.Reply> first = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            first.set(api.post("/api/crm/links", me, link));
            return first.get().status() != 404;
        });
        assertThat(first.get().status()).as(first.get().body().toString()).isEqualTo(201);
        Api.Reply again = api.post("/api/crm/links", me, link);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("created").asBoolean()).isFalse();
        assertThat(again.text("linkId")).isEqualTo(first.get().text("linkId"));
        assertThat(api.post("/api/crm/links", me, "{\"goalId\":\"" + goalId + "\",\"actionId\":\"" + actionId.get()
                + "\",\"customerId\":\"" + customer + "\"}").status()).isEqualTo(201);

        assertProblem(api.post("/api/crm/links", me, "{\"goalId\":\"" + goalId + "\",\"actionId\":\"A-nope\",\"customerId\":\"C-1\"}"),
                400, "actionId");
        assertProblem(api.post("/api/crm/links", me, "{\"goalId\":\"" + goalId + "\",\"customerId\":\" \"}"), 400, "customerId");
        assertProblem(api.post("/api/crm/links", token(other.employee(), "EMPLOYEE"), link), 403, null);
        assertProblem(api.post("/api/crm/links", token(team.supervisor(), "SUPERVISOR"), link), 403, null);
        assertProblem(api.post("/api/crm/links", me, "{\"goalId\":\"G-unknown\",\"customerId\":\"C-1\"}"), 404, null);

        // the week's records of the customer, another customer's, and the same customer's of the week before
        String integration = token("crm-core", "INTEGRATION");
        String payment = payment("crm-" + UUID.randomUUID(), team.employee(), week.at(TUESDAY, "10:15"), "12000.00")
                .replace("C-1001", customer);
        String created = customerCreated("crm-" + UUID.randomUUID(), team.employee(), customer, week.at(MONDAY, "09:00"));
        String otherCustomer = payment("crm-" + UUID.randomUUID(), team.employee(), week.at(TUESDAY, "11:00"), "500.00");
        // half an hour before the week began, in the owner's time zone
        String weekBefore = payment("crm-" + UUID.randomUUID(), team.employee(), Today.at(week.monday().minusDays(1), "23:30"), "700.00")
                .replace("C-1001", customer);
        Api.Reply ingest = api.post("/api/crm/activity", integration, "[" + payment + "," + created + "," + otherCustomer + "," + weekBefore + "]");
        assertThat(ingest.body().path("results").findValuesAsText("outcome")).containsOnly("ACCEPTED");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode links = api.get("/api/crm/links?goalId=" + goalId, me).body();
            assertThat(links.path("links")).hasSize(2);
            assertThat(links.at("/links/0/records").findValuesAsText("type"))
                    .containsExactly("crm.customer.created", "crm.payment.received");
        });
        JsonNode links = api.get("/api/crm/links?goalId=" + goalId, token(team.supervisor(), "SUPERVISOR")).body();
        assertThat(links.path("firstDay").asText()).isEqualTo(week.monday().toString());
        assertThat(links.path("lastDay").asText()).isEqualTo(week.day(SUNDAY).toString());
        assertThat(links.at("/links/0/records/1/deltas/0/amount").asText()).isEqualTo("12000.00");
        assertThat(links.at("/links/1/actionId").asText()).isEqualTo(actionId.get());
        assertProblem(api.get("/api/crm/links?goalId=" + goalId, token(other.employee(), "EMPLOYEE")), 403, null);
        assertProblem(api.get("/api/crm/links?goalId=" + goalId, token(other.supervisor(), "SUPERVISOR")), 403, null);

        // the goal itself shows its customers, and CustomerLinked is on crm.events for anyone to follow
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/goals/" + goalId, me).body().path("links").findValuesAsText("customerId"))
                        .containsExactly(customer, customer));
        List<ConsumerRecord<String, byte[]>> linked = kafka.readUntil(Topics.CRM_EVENTS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains("crm.CustomerLinked")
                        && new String(r.value(), StandardCharsets.UTF_8).contains(goalId), 2, Duration.ofSeconds(30));
        assertThat(linked).hasSize(2);
        assertThat(linked.get(0).key()).isEqualTo(team.employee());
    }
}
