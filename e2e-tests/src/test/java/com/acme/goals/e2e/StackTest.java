package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.acme.goals.localstack.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An end-to-end test class: a running stack, a client of the gateway, a Kafka client, and team helpers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StackTest {

    protected LocalStack stack;
    protected Api api;
    protected Kafka kafka;
    /** Dates from the stack's clock: every date a test uses comes from here. */
    protected Today today;
    private String admin;

    /** The stack to test: by default the embedded one shared by every class of the run. */
    protected LocalStack startStack(LocalStack.Options options) throws Exception {
        return SharedStack.get();
    }

    /** Whether this class started its own stack (and so stops it). */
    protected boolean ownsStack() {
        return false;
    }

    @BeforeAll
    void start() throws Exception {
        Path home = Path.of(System.getProperty("goals.home", "..")).toAbsolutePath().normalize();
        stack = startStack(LocalStack.Options.forTests(home));
        api = new Api(stack.gatewayUrl());
        kafka = new Kafka(stack.kafkaBootstrapServers());
        today = new Today(stack.clock());
        admin = token("E-admin", "ADMIN");
    }

    @AfterAll
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null && ownsStack()) {
            stack.close();
        }
    }

    protected String adminToken() {
        return admin;
    }

    protected String token(String subject, String... roles) {
        return stack.tokens().token(subject, Duration.ofHours(1), roles);
    }

    /** A fresh team per test, so tests do not see each other's data. */
    record Team(String supervisor, String employee) {
    }

    protected Team registerTeam() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return registerTeam(new Team("S-" + suffix, "E-" + suffix));
    }

    /** A lead and a channel manager below them, both in Shanghai, under the ids given. */
    protected Team registerTeam(Team team) throws Exception {
        assertThat(api.post("/api/org/employees", admin, """
                {"employeeId":"%s","name":"Supervisor","role":"CHANNEL_MANAGER_LEAD","supervisorId":null,"timeZone":"Asia/Shanghai"}"""
                .formatted(team.supervisor())).status()).isEqualTo(201);
        assertThat(api.post("/api/org/employees", admin, """
                {"employeeId":"%s","name":"Channel manager","role":"CHANNEL_MANAGER","supervisorId":"%s","timeZone":"Asia/Shanghai"}"""
                .formatted(team.employee(), team.supervisor())).status()).isEqualTo(201);
        return team;
    }

    protected String setWeekGoal(Team team, String week) throws Exception {
        Api.Reply reply = api.post("/api/goals", token(team.supervisor(), "SUPERVISOR"), """
                {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"collect in %s",
                 "numericTargets":[{"metric":"payment_collection","target":"100000","unit":"CNY"}]}"""
                .formatted(team.employee(), week, week));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.text("goalId");
    }

    static String payment(String id, String ownerId, String time, String amount) {
        return """
                {"specversion":"1.0","id":"%s","source":"urn:acme:crm-core","type":"crm.payment.received",
                 "subject":"payment/%s","time":"%s","datacontenttype":"application/json","dataschemaversion":"1",
                 "data":{"paymentId":"%s","customerId":"C-1001","ownerId":"%s","amount":"%s","currency":"CNY"}}"""
                .formatted(id, id, time, id, ownerId, amount).replace("\n", "");
    }

    /** Drafts a report once report-service knows the owner (its org chart follows org.events). */
    protected Api.Reply awaitDraft(String token, String ownerId, String templateId, String period) {
        AtomicReference<Api.Reply> reply = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            reply.set(api.post("/api/reports", token, """
                    {"templateId":"%s","ownerId":"%s","periodKey":"%s"}""".formatted(templateId, ownerId, period)));
            return reply.get().status() != 400 || !reply.get().text("field").equals("ownerId");
        });
        assertThat(reply.get().status()).as(reply.get().body().toString()).isEqualTo(201);
        return reply.get();
    }

    /** Waits until the goal's payment_collection shows {@code actual}; returns its completion percent. */
    protected String awaitActual(Team team, String goalId, String actual) {
        String ownerToken = token(team.employee(), "EMPLOYEE");
        AtomicReference<String> percent = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Api.Reply reply = api.get("/api/progress/goals/" + goalId, ownerToken);
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
            assertThat(reply.body().at("/metrics/0/actual").asText()).isEqualTo(actual);
            percent.set(reply.body().at("/metrics/0/completionPercent").asText());
        });
        return percent.get();
    }

    /**
     * Proves a duplicate was handled, not merely not yet seen: a marker payment with the same Kafka key (so
     * behind the duplicate on the same partition) for another week must arrive first.
     */
    protected void publishDuplicateAndWaitPastIt(Team team, String duplicate) throws Exception {
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), duplicate);
        Today.Week markerWeek = today.week(-3);
        String markerGoal = setWeekGoal(team, markerWeek.key());
        kafka.publish(Topics.CRM_ACTIVITY, team.employee(), payment("marker-" + UUID.randomUUID(), team.employee(),
                markerWeek.at(java.time.DayOfWeek.WEDNESDAY, "09:00"), "1.00"));
        awaitActual(team, markerGoal, "1.00");
    }
}
