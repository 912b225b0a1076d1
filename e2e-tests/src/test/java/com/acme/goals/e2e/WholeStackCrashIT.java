package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.acme.goals.localstack.DevTokens;
import com.acme.goals.localstack.LocalStack;
import com.acme.goals.localstack.faults.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack killed at once (launcher with its broker and store, and every service: SIGKILL, nothing flushed) in
 * the middle of a stream of payments, started again on its data ({@code --persist}), and the stream sent again, as a
 * CRM resends after an outage: every payment is counted exactly once. Before the feeds kept their positions in the
 * services' own database, a crash could leave Kafka's offsets ahead of a store that had lost its last writes, and the
 * resend was dropped as a duplicate.
 */
class WholeStackCrashIT {

    private static final String SECRET = "whole-stack-crash-secret-0123456789-abcdef";
    private static final int OWNERS = 10;
    private static final int PAYMENTS = 3_000;

    @TempDir
    Path data;

    @Test
    void a_payment_stream_cut_by_killing_the_whole_stack_and_sent_again_after_a_restart_counts_every_payment_once() throws Exception {
        Path home = Path.of(System.getProperty("goals.home", "..")).toAbsolutePath().normalize();
        int gatewayPort = LocalStack.freePort();
        DevTokens tokens = new DevTokens(SECRET);
        String admin = tokens.token("E-admin", Duration.ofHours(1), "ADMIN");
        Today today = new Today(Clock.systemUTC());
        Today.Week week = today.week(-1);

        List<String> owners = new ArrayList<>();
        List<String> goals = new ArrayList<>();
        List<String[]> stream = new ArrayList<>(PAYMENTS);
        Map<String, BigDecimal> expected = new HashMap<>();
        String run = "whole-" + UUID.randomUUID();
        try (Launcher first = Launcher.start(home, data, gatewayPort, SECRET)) {
            Api api = new Api(first.gatewayUrl());
            String lead = "WL-" + run.substring(6, 14);
            assertThat(api.post("/api/org/employees", admin, """
                    {"employeeId":"%s","name":"lead","role":"CHANNEL_MANAGER_LEAD","timeZone":"Asia/Shanghai"}""".formatted(lead))
                    .status()).isEqualTo(201);
            for (int o = 0; o < OWNERS; o++) {
                String owner = lead + "-E" + o;
                assertThat(api.post("/api/org/employees", admin, """
                        {"employeeId":"%s","name":"rep","role":"SALES_REP","supervisorId":"%s","timeZone":"Asia/Shanghai"}"""
                        .formatted(owner, lead)).status()).isEqualTo(201);
                owners.add(owner);
                goals.add(new GoalTrees(api).set(tokens.token(lead, Duration.ofHours(1), "SUPERVISOR"), owner, "WEEK", week.key(), null,
                        "last week", GoalTrees.cny("payment_collection", 1_000_000_000L), ""));
            }
            try (Kafka kafka = new Kafka(first.kafka())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS)
                        && kafka.caughtUp("scoring-service.goals", Topics.GOAL_EVENTS));
                Thread.sleep(2_000); // the store commits its file every 100 ms: the set-up is surely on disk before the cut

                Random random = new Random(7);
                for (int i = 0; i < PAYMENTS; i++) {
                    String owner = owners.get(i % OWNERS);
                    String amount = (1 + random.nextInt(9_999)) + "." + String.format("%02d", random.nextInt(100));
                    String time = Today.at(week.day(MONDAY).plusDays(random.nextInt(7)), String.format("%02d:%02d", 8 + random.nextInt(10), random.nextInt(60)));
                    stream.add(new String[]{owner, StackTest.payment(run + "-" + i, owner, time, amount)});
                    expected.merge(owner, new BigDecimal(amount), BigDecimal::add);
                }
                // 2,000 a second
                AtomicInteger sent = new AtomicInteger();
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < PAYMENTS; i += 200) {
                            kafka.publishAll(Topics.CRM_ACTIVITY, stream.subList(i, Math.min(PAYMENTS, i + 200)));
                            sent.addAndGet(200);
                            Thread.sleep(100);
                        }
                    } catch (Exception stopped) {
                        // the broker died under the publisher: the resend after the restart sends everything again
                    }
                });
                // the plug is pulled once crm-link is busy with the stream: part of it consumed, the rest not
                java.util.concurrent.atomic.AtomicLong consumed = new java.util.concurrent.atomic.AtomicLong();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> consumed.updateAndGet(c -> committedOrZero(kafka)) >= 100);
                first.killEverything();
                publishing.cancel(true);
                long committed = consumed.get();
                System.out.printf("whole-stack crash: killed everything with ~%d of %d payments sent and %d consumed by crm-link%n",
                        sent.get(), PAYMENTS, committed);
                assertThat(committed).as("consumed when the plug was pulled").isBetween(100L, PAYMENTS - 1L);
            }
        }

        try (Launcher second = Launcher.start(home, data, gatewayPort, SECRET); Kafka kafka = new Kafka(second.kafka())) {
            kafka.publishAll(Topics.CRM_ACTIVITY, stream); // the CRM sends the whole stream again
            Api api = new Api(second.gatewayUrl());
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                List<String> differences = new ArrayList<>();
                for (int o = 0; o < OWNERS; o++) {
                    Api.Reply progress = api.get("/api/progress/goals/" + goals.get(o), tokens.token(owners.get(o), Duration.ofHours(1), "EMPLOYEE"));
                    BigDecimal actual = progress.status() == 200 ? new BigDecimal(progress.body().at("/metrics/0/actual").asText("0")) : BigDecimal.ZERO;
                    if (actual.compareTo(expected.get(owners.get(o))) != 0) {
                        differences.add(owners.get(o) + ": " + actual + " instead of " + expected.get(owners.get(o)));
                    }
                }
                assertThat(differences).as("owners whose week total differs from the payments sent").isEmpty();
            });
            java.util.Set<String> recorded = new java.util.HashSet<>();
            kafka.readAll(Topics.CRM_EVENTS, r -> {
                String v = new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
                int at = v.indexOf("\"inboundId\":\"" + run);
                if (at >= 0) {
                    recorded.add(v.substring(at + 13, v.indexOf('"', at + 13)));
                }
            });
            assertThat(recorded).as("distinct payments recorded on crm.events").hasSize(PAYMENTS);
        }
    }

    private static long committedOrZero(Kafka kafka) {
        try {
            return kafka.committed("crm-link-service", Topics.CRM_ACTIVITY);
        } catch (Exception notYet) {
            return 0;
        }
    }
}
