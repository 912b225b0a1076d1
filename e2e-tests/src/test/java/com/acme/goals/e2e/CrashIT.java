package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * crm-link-service is killed like {@code kill -9} in the middle of a 50,000-event stream and started again: the
 * totals downstream (scoring's goal progress) equal the totals of the input. Nothing lost, nothing counted twice.
 */
class CrashIT extends StackTest {

    private static final int OWNERS = 20;
    private static final int EVENTS = 50_000;

    @Test
    void killing_crm_link_mid_stream_loses_nothing_and_counts_nothing_twice() throws Exception {
        String admin = adminToken();
        String lead = "L-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/org/employees", admin, """
                {"employeeId":"%s","name":"lead","role":"CHANNEL_MANAGER_LEAD","timeZone":"Asia/Shanghai"}""".formatted(lead))
                .status()).isEqualTo(201);
        List<String> owners = new ArrayList<>();
        List<String> goals = new ArrayList<>();
        GoalTrees trees = new GoalTrees(api);
        YearMonth month = today.month(-1); // every day of it is past: a time more than a day ahead is refused, rightly
        for (int o = 0; o < OWNERS; o++) {
            String owner = lead + "-E" + o;
            assertThat(api.post("/api/org/employees", admin, """
                    {"employeeId":"%s","name":"rep","role":"SALES_REP","supervisorId":"%s","timeZone":"Asia/Shanghai"}"""
                    .formatted(owner, lead)).status()).isEqualTo(201);
            owners.add(owner);
            goals.add(trees.set(token(lead, "SUPERVISOR"), owner, "MONTH", month.toString(), null, "last month",
                    GoalTrees.cny("payment_collection", 1_000_000_000L), ""));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));

        Random random = new Random(42);
        String run = "crash-" + UUID.randomUUID();
        List<String[]> stream = new ArrayList<>(EVENTS);
        BigDecimal total = BigDecimal.ZERO;
        java.util.Map<String, BigDecimal> perOwner = new java.util.HashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            String owner = owners.get(i % OWNERS);
            String amount = (1 + random.nextInt(99_999)) + "." + String.format("%02d", random.nextInt(100));
            String time = Today.at(month.atDay(1 + random.nextInt(28)), String.format("%02d:%02d", 8 + random.nextInt(10), random.nextInt(60)));
            stream.add(new String[]{owner, SkeletonFlow.payment(run + "-" + i, owner, time, amount)});
            total = total.add(new BigDecimal(amount));
            perOwner.merge(owner, new BigDecimal(amount), BigDecimal::add);
        }
        long before = kafka.committed("crm-link-service", Topics.CRM_ACTIVITY);

        kafka.publishAll(Topics.CRM_ACTIVITY, stream.subList(0, EVENTS / 2));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> kafka.committed("crm-link-service", Topics.CRM_ACTIVITY) - before >= 5_000);
        stack.service("crm-link-service").kill();
        // what the dead process had finished, read after its death so nothing moves any more: the kill came mid-stream,
        // with part of the first half committed and recorded, and the rest of it not
        long committedAtDeath = kafka.committed("crm-link-service", Topics.CRM_ACTIVITY) - before;
        long recordedAtDeath = recordedOf(run).size();
        System.out.printf("crash test: crm-link killed (-9) with %d of the first %d events committed and %d recorded on crm.events%n",
                committedAtDeath, EVENTS / 2, recordedAtDeath);
        assertThat(committedAtDeath).as("committed when it died").isBetween(5_000L, EVENTS / 2 - 1L);
        assertThat(recordedAtDeath).as("recorded when it died").isBetween(committedAtDeath, EVENTS / 2 - 1L);
        kafka.publishAll(Topics.CRM_ACTIVITY, stream.subList(EVENTS / 2, EVENTS)); // the rest arrives while it is dead
        stack.service("crm-link-service").start();
        stack.service("crm-link-service").awaitHealthy(Duration.ofMinutes(3));

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> kafka.caughtUp("crm-link-service", Topics.CRM_ACTIVITY)
                        && kafka.caughtUp("scoring-service.activity", Topics.CRM_EVENTS));
        java.util.Set<String> recorded = recordedOf(run);
        System.out.printf("crash test: %d distinct inbound events of the run are on crm.events%n", recorded.size());
        BigDecimal downstream = BigDecimal.ZERO;
        List<String> differences = new ArrayList<>();
        for (int o = 0; o < OWNERS; o++) {
            Api.Reply progress = api.get("/api/progress/goals/" + goals.get(o), token(owners.get(o), "EMPLOYEE"));
            BigDecimal actual = new BigDecimal(progress.body().at("/metrics/0/actual").asText());
            downstream = downstream.add(actual);
            if (actual.compareTo(perOwner.get(owners.get(o))) != 0) {
                differences.add(owners.get(o) + ": " + actual + " instead of " + perOwner.get(owners.get(o)));
            }
        }
        assertThat(recorded).as("distinct events recorded on crm.events").hasSize(EVENTS);
        assertThat(differences).as("owners whose total differs").isEmpty();
        assertThat(downstream).isEqualByComparingTo(total);
    }

    /** The distinct inbound ids of the run on crm.events as it stands now. */
    private java.util.Set<String> recordedOf(String run) {
        java.util.Set<String> recorded = new java.util.HashSet<>();
        kafka.readAll(Topics.CRM_EVENTS, r -> {
            String v = new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
            int at = v.indexOf("\"inboundId\":\"" + run);
            if (at >= 0) {
                recorded.add(v.substring(at + 13, v.indexOf('"', at + 13)));
            }
        });
        return recorded;
    }
}
