package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.acme.goals.e2e.GoalApiIT.assertProblem;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16: reminders before a deadline, escalation of a missing report up the line, milestones of a goal; each an
 * event on its topic, an in-app notice ({@code GET /api/notices}) and an e-mail through the stack's SMTP server.
 */
class NoticesIT extends StackTest {

    @Test
    void a_report_due_soon_reminds_its_owner_in_the_app_and_by_mail_once_and_only_the_owner_reads_it() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 6);
        String role = "NOTICE_" + s.toUpperCase().replace("-", "");
        String lead = "NL-" + s;
        String owner = "NO-" + s;
        // joined this Monday: no earlier week is owed, so nothing is missing and the lead is told nothing
        String monday = today.week(0).day(java.time.DayOfWeek.MONDAY).toString();
        register(lead, null, "CHANNEL_MANAGER_LEAD", monday);
        register(owner, lead, role, monday);
        // due at the end of every week, reminding a week before: this week's is always in its reminder window. Owed from
        // this Monday: by default a form is owed from the day after a deadline has passed anywhere on earth (UTC+18),
        // which on a Sunday after 06:00 UTC is next Monday, and this week's would not be owed at all
        assertThat(api.post("/api/report-templates", adminToken(), """
                {"templateId":"rm-%s","name":"reminded","role":"%s","periodType":"WEEK","kind":"SUMMARY","effectiveFrom":"%s",
                 "deadline":{"weekday":"SUNDAY","dayOffset":0,"time":"23:59","remindBefore":"P7D"},
                 "fields":[{"key":"summary","label":"summary","type":"TEXT","required":true}]}""".formatted(s, role, monday)).status())
                .isEqualTo(201);

        String mine = token(owner, "EMPLOYEE");
        JsonNode reminder = awaitNotice(mine, "REMINDER");
        assertThat(reminder.path("periodKey").asText()).isEqualTo(today.week(0).key());
        assertThat(reminder.path("title").asText()).contains("rm-" + s);
        String address = owner.toLowerCase() + "@sales.example";
        await().atMost(Duration.ofSeconds(30)).until(() -> !stack.mail().received(address).isEmpty());
        MimeMessage mail = stack.mail().received(address).get(0);
        assertThat(mail.getSubject()).isEqualTo(reminder.path("title").asText());

        // a stranger cannot mark it; the owner can, once
        String id = reminder.path("id").asText();
        assertProblem(api.post("/api/notices/" + id + "/read", token(lead, "SUPERVISOR"), ""), 404, null);
        assertThat(api.post("/api/notices/" + id + "/read", mine, "").status()).isEqualTo(204);
        JsonNode after = api.get("/api/notices?unread=true", mine).body();
        assertThat(after.path("unread").asInt()).isZero();
        assertThat(api.get("/api/notices", token(lead, "SUPERVISOR")).body().path("total").asInt()).isZero();

        // later sweeps remind nobody again: one notice, one mail
        Thread.sleep(Duration.ofSeconds(12).toMillis());
        assertThat(api.get("/api/notices", mine).body().path("total").asInt()).isEqualTo(1);
        assertThat(stack.mail().received(address)).hasSize(1);
    }

    @Test
    void a_missing_report_goes_to_the_supervisor_and_then_the_one_above_and_a_goal_tells_its_milestones() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 6);
        String role = "MISSER_" + s.toUpperCase().replace("-", "");
        String top = "NT-" + s;
        String lead = "NL-" + s;
        String owner = "NO-" + s;
        String joined = today.week(-2).day(TUESDAY).toString();
        register(top, null, "CHANNEL_MANAGER_LEAD", joined);
        register(lead, top, "CHANNEL_MANAGER_LEAD", joined);
        register(owner, lead, role, joined);
        // due each Wednesday 00:00, owed since they joined: last week's is missing, long past both grace periods (4 h and 24 h)
        assertThat(api.post("/api/report-templates", adminToken(), """
                {"templateId":"ms-%s","name":"missed","role":"%s","periodType":"WEEK","kind":"SUMMARY","effectiveFrom":"%s",
                 "deadline":{"weekday":"WEDNESDAY","dayOffset":0,"time":"00:00"},
                 "fields":[{"key":"summary","label":"summary","type":"TEXT","required":true}]}""".formatted(s, role, joined)).status())
                .isEqualTo(201);

        String lastWeek = today.week(-1).key();
        JsonNode toLead = awaitNotice(token(lead, "SUPERVISOR"), "MISSING_ESCALATED", lastWeek);
        assertThat(toLead.path("ownerId").asText()).isEqualTo(owner);
        JsonNode toTop = awaitNotice(token(top, "SUPERVISOR"), "MISSING_ESCALATED", lastWeek);
        assertThat(toTop.path("text").asText()).contains("escalated past their supervisor");
        await().atMost(Duration.ofSeconds(30)).until(() -> !stack.mail().received(top.toLowerCase() + "@sales.example").isEmpty());
        assertThat(api.get("/api/notices", token(owner, "EMPLOYEE")).body().findValuesAsText("kind")).doesNotContain("MISSING_ESCALATED");

        // milestones: 60% then 100% of the week's target, each threshold once, to the owner and the lead
        Today.Week week = today.week(-1);
        String goal = api.post("/api/goals", token(lead, "SUPERVISOR"), """
                {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"collect",
                 "numericTargets":[{"metric":"payment_collection","target":"10000","unit":"CNY"}]}""".formatted(owner, week.key()))
                .text("goalId");
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));
        kafka.publish(Topics.CRM_ACTIVITY, owner, payment("crm-" + UUID.randomUUID(), owner, week.at(TUESDAY, "10:15"), "6000.00"));
        JsonNode half = awaitNotice(token(owner, "EMPLOYEE"), "MILESTONE");
        assertThat(half.path("title").asText()).isEqualTo(owner + " passed 50% of payment_collection");
        kafka.publish(Topics.CRM_ACTIVITY, owner, payment("crm-" + UUID.randomUUID(), owner, week.at(TUESDAY, "11:15"), "4000.00"));
        await().atMost(Duration.ofSeconds(60)).until(() -> titles(token(lead, "SUPERVISOR"), "MILESTONE").size() == 3);
        assertThat(titles(token(lead, "SUPERVISOR"), "MILESTONE")).containsExactlyInAnyOrder(
                owner + " passed 50% of payment_collection", owner + " passed 90% of payment_collection",
                owner + " passed 100% of payment_collection");
        assertThat(titles(token(owner, "EMPLOYEE"), "MILESTONE")).hasSize(3);
        assertThat(goal).isNotBlank();
    }

    private void register(String id, String supervisor, String role, String joinedOn) throws Exception {
        Api.Reply reply = api.post("/api/org/employees", adminToken(), """
                {"employeeId":"%s","name":"n","role":"%s","supervisorId":%s,"timeZone":"Asia/Shanghai","joinedOn":"%s"}"""
                .formatted(id, role, supervisor == null ? "null" : "\"" + supervisor + "\"", joinedOn));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    private JsonNode awaitNotice(String token, String kind) {
        return awaitNotice(token, kind, null);
    }

    private JsonNode awaitNotice(String token, String kind, String periodKey) {
        java.util.concurrent.atomic.AtomicReference<JsonNode> found = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (JsonNode n : api.get("/api/notices?size=100", token).body().path("notices")) {
                if (kind.equals(n.path("kind").asText()) && (periodKey == null || periodKey.equals(n.path("periodKey").asText()))) {
                    found.set(n);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    private List<String> titles(String token, String kind) throws Exception {
        List<String> titles = new java.util.ArrayList<>();
        for (JsonNode n : api.get("/api/notices?size=100", token).body().path("notices")) {
            if (kind.equals(n.path("kind").asText())) {
                titles.add(n.path("title").asText());
            }
        }
        return titles;
    }
}
