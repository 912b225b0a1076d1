package com.acme.goals.localstack.bench;

import com.acme.goals.localstack.LocalStack;
import com.acme.goals.localstack.ServiceProcess;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy/bench.sh ingest}: how fast crm-link turns inbound CloudEvents on {@code crm.activity} into
 * {@code ActivityRecorded} on {@code crm.events}, beside how fast a bare Kafka consumer reads the same records on the
 * same broker in the same run. A fresh embedded stack; crm-link is stopped while the backlog is published, then
 * started, so the catch-up rate is the pipeline's, not the publisher's. A second phase offers a steady rate to the
 * running service and reports per-event latency (inbound record time to outbound record time) as percentiles.
 */
public final class IngestBenchmark {

    private static final Pattern INBOUND_ID = Pattern.compile("\"inboundId\"\\s*:\\s*\"([^\"]+)\"");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
    private static final String GROUP = "crm-link-service";

    /** What one run measured: crm-link's catch-up rate beside the ceilings of the same records. */
    public record Result(long events, double ingestPerSecond, double consumePerSecond, double bulkWritePerSecond, Histogram latencyMillis) {
        double ceiling() {
            return Math.min(consumePerSecond, bulkWritePerSecond);
        }
    }

    public static void run(Path home, String[] args) throws Exception {
        measure(home, args);
    }

    public static Result measure(Path home, String[] args) throws Exception {
        int events = intOption(args, "--events=", 100_000);
        int owners = intOption(args, "--owners=", 20);
        int latencyEvents = intOption(args, "--latency-events=", 10_000);
        int rate = intOption(args, "--rate=", 500);
        LocalStack.Options options = LocalStack.Options.forTests(home);
        System.out.printf("ingest benchmark: %,d events, %d owners; then %,d events offered at %d/s for latency%n",
                events, owners, latencyEvents, rate);
        System.out.println("starting a fresh embedded stack ...");
        try (LocalStack stack = new LocalStack(options).start(); BenchKafka kafka = new BenchKafka(stack.kafkaBootstrapServers());
             FeedFetches fetches = FeedFetches.sample(stack)) {
            hire(kafka, owners);
            awaitCaughtUp(kafka, "goal-service.hr", Topics.ORG_ACTIVITY, Duration.ofMinutes(2));
            awaitEnd(kafka, Topics.ORG_EVENTS, owners + 1, Duration.ofMinutes(2));
            awaitCaughtUp(kafka, GROUP + ".org-chart", Topics.ORG_EVENTS, Duration.ofMinutes(2));

            ServiceProcess crmLink = stack.service("crm-link-service");
            crmLink.stop();
            Random random = new Random(42);
            long began = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String id = "bench-" + i;
                kafka.send(Topics.CRM_ACTIVITY, id, event(id, "B-" + (i % owners), random), null);
            }
            kafka.flush();
            double publishSeconds = seconds(System.nanoTime() - began);

            AtomicLong bytes = new AtomicLong();
            Duration raw = kafka.read(Topics.CRM_ACTIVITY, null, events, r -> bytes.addAndGet(r.value().length));
            double insertSeconds = Stacks.bulkWriteSeconds(stack.mongoUri(), events);

            long startAt = System.nanoTime();
            crmLink.start();
            crmLink.awaitHealthy(Duration.ofMinutes(4));
            long healthyAt = System.nanoTime();
            long firstAt = 0;
            long firstCommitted = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            long committed = 0;
            Map<String, Long> cpuAtFirst = Map.of();
            while (committed < events && System.nanoTime() < deadline) {
                committed = kafka.committed(GROUP, Topics.CRM_ACTIVITY);
                if (firstAt == 0 && committed > 0) {
                    firstAt = System.nanoTime();
                    firstCommitted = committed;
                    cpuAtFirst = Stacks.cpuMillis(stack);
                }
                Thread.sleep(100);
            }
            long doneAt = System.nanoTime();
            Map<String, Long> cpuAtLast = Stacks.cpuMillis(stack);
            if (committed < events) {
                throw new IllegalStateException("crm-link finished only " + committed + " of " + events + " in 30 min");
            }
            // every process's, not crm-link's alone: scoring and goal-service read crm.events as it grows,
            // on the same two cores
            String cpu = Stacks.cpuPerThousand(cpuAtFirst, cpuAtLast, events - firstCommitted);
            long recorded = kafka.end(Topics.CRM_EVENTS);
            awaitCaughtUp(kafka, "scoring-service.activity", Topics.CRM_EVENTS, Duration.ofMinutes(30));
            long ledgerDoneAt = System.nanoTime();

            String stages = stages(crmLink);
            Histogram latency = latency(kafka, owners, latencyEvents, rate, random);

            System.out.printf("%n%-58s %12s %10s%n", "stage (same " + String.format("%,d", events) + " records)", "events/s", "seconds");
            row("publish to crm.activity (acks=all, idempotent)", events, publishSeconds);
            row(String.format("raw Kafka consume of crm.activity (%.1f MB)", bytes.get() / 1e6), events, seconds(raw.toNanos()));
            row("raw bulk insert into the store (insertMany of 1000)", events, insertSeconds);
            row("crm-link ingest, first commit to last", events - firstCommitted, seconds(doneAt - firstAt));
            System.out.printf("  CPU per 1,000 events, first commit to last (ms): %s%n", cpu);
            row("crm-link ingest, process start to last commit", events, seconds(doneAt - startAt));
            row("  (of which start-up until UP)", 0, seconds(healthyAt - startAt));
            row("scoring ledger caught up on crm.events, from crm-link start", recorded, seconds(ledgerDoneAt - startAt));
            System.out.printf("%ncrm.events holds %,d records (one ActivityRecorded per accepted inbound event)%n", recorded);
            System.out.println("crm-link's time per pipeline stage over the backlog (seconds, all batches):" + stages);
            System.out.printf("latency crm.activity -> crm.events at %d events/s offered, %,d events (ms): "
                            + "p50 %d  p95 %d  p99 %d  max %d%n", rate, latencyEvents,
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(95), latency.getValueAtPercentile(99),
                    latency.getMaxValue());
            System.out.println(fetches.report());
            return new Result(events, (events - firstCommitted) / seconds(doneAt - firstAt), events / seconds(raw.toNanos()),
                    events / insertSeconds, latency);
        }
    }

    private static final Pattern STAGE_SUM = Pattern.compile(
            "goals_crm_pipeline_stage_seconds_sum\\{[^}]*stage=\"([^\"]+)\"[^}]*} ([0-9.Ee+-]+)");

    private static final Pattern BATCHES = Pattern.compile(
            "goals_crm_pipeline_stage_seconds_count\\{[^}]*stage=\"check\"[^}]*} ([0-9.Ee+-]+)");

    /** The service's own account of where its batches spent their time (Micrometer timers). */
    private static String stages(ServiceProcess service) throws Exception {
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url() + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        StringBuilder out = new StringBuilder();
        Matcher m = STAGE_SUM.matcher(metrics.body());
        while (m.find()) {
            out.append(String.format("%n  %-20s %8.1f", m.group(1), Double.parseDouble(m.group(2))));
        }
        Matcher batches = BATCHES.matcher(metrics.body());
        if (batches.find()) {
            out.append(String.format("%n  in %,.0f batches", Double.parseDouble(batches.group(1))));
        }
        return out.toString();
    }

    /** Offers events at a steady rate to the running service and measures each one's way through it. */
    private static Histogram latency(BenchKafka kafka, int owners, int count, int rate, Random random) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, Long> from = kafka.ends(Topics.CRM_EVENTS);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(60_000, 3);
        List<Throwable> failed = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                kafka.read(Topics.CRM_EVENTS, from, count, record -> {
                    Matcher m = INBOUND_ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
                    Long sent = m.find() ? sentAt.get(m.group(1)) : null;
                    if (sent != null) {
                        histogram.recordValue(Math.max(0, Math.min(60_000, record.timestamp() - sent)));
                    }
                });
            } catch (Throwable t) {
                failed.add(t);
            }
        }, "latency-reader");
        reader.start();
        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = began + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String id = "latency-" + i;
            long now = System.currentTimeMillis();
            sentAt.put(id, now);
            kafka.send(Topics.CRM_ACTIVITY, id, event(id, "B-" + (i % owners), random), now);
        }
        kafka.flush();
        reader.join(Duration.ofMinutes(10).toMillis());
        if (!failed.isEmpty()) {
            throw new IllegalStateException("latency phase failed", failed.get(0));
        }
        return histogram;
    }

    /** Payments (60%), visits (20%) and new customers (20%) over the last 20 days, in Shanghai time. */
    static byte[] event(String id, String owner, Random random) {
        OffsetDateTime time = OffsetDateTime.now(SHANGHAI).minusMinutes(random.nextInt(20 * 24 * 60)).truncatedTo(ChronoUnit.SECONDS);
        String customer = "C-" + owner + "-" + random.nextInt(50);
        int kind = random.nextInt(10);
        String type;
        String data;
        if (kind < 6) {
            type = "crm.payment.received";
            data = "\"paymentId\":\"P-%s\",\"customerId\":\"%s\",\"ownerId\":\"%s\",\"amount\":\"%d.%02d\",\"currency\":\"CNY\""
                    .formatted(id, customer, owner, 100 + random.nextInt(200_000), random.nextInt(100));
        } else if (kind < 8) {
            type = "crm.visit.logged";
            data = "\"activityId\":\"V-%s\",\"customerId\":\"%s\",\"ownerId\":\"%s\"".formatted(id, customer, owner);
        } else {
            type = "crm.customer.created";
            data = "\"customerId\":\"%s\",\"name\":\"客户 %s\",\"ownerId\":\"%s\"".formatted(customer + "-" + id, id, owner);
        }
        return ("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"urn:bench:crm\",\"type\":\"%s\",\"subject\":\"%s\","
                + "\"time\":\"%s\",\"datacontenttype\":\"application/json\",\"dataschemaversion\":\"1\",\"data\":{%s}}")
                .formatted(id, type, id, RFC3339.format(time), data).getBytes(StandardCharsets.UTF_8);
    }

    static void hire(BenchKafka kafka, int owners) {
        kafka.send(Topics.ORG_ACTIVITY, "hr-B-LEAD", hired("B-LEAD", null), null);
        for (int i = 0; i < owners; i++) {
            kafka.send(Topics.ORG_ACTIVITY, "hr-B-" + i, hired("B-" + i, "B-LEAD"), null);
        }
        kafka.flush();
    }

    private static byte[] hired(String employee, String supervisor) {
        return ("{\"specversion\":\"1.0\",\"id\":\"hr-%s\",\"source\":\"urn:bench:hr\",\"type\":\"hr.employee.hired\","
                + "\"time\":\"2026-10-01T08:00:00+08:00\",\"data\":{\"employeeId\":\"%s\",\"name\":\"%s\",\"role\":\"SALES_REP\","
                + "\"supervisorId\":%s,\"timeZone\":\"Asia/Shanghai\"}}")
                .formatted(employee, employee, employee, supervisor == null ? "null" : "\"" + supervisor + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    static void awaitCaughtUp(BenchKafka kafka, String group, String topic, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (kafka.committed(group, topic) < kafka.end(topic)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(group + " did not catch up on " + topic + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    static void awaitEnd(BenchKafka kafka, String topic, long records, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (kafka.end(topic) < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " did not reach " + records + " records within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    static void row(String stage, long events, double seconds) {
        System.out.printf("%-58s %12s %10.1f%n", stage, events == 0 ? "" : String.format("%,.0f", events / seconds), seconds);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static int intOption(String[] args, String prefix, int fallback) {
        String value = stringOption(args, prefix);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** The value of {@code --name=value}, or null when it is not given. */
    static String stringOption(String[] args, String prefix) {
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                return arg.substring(prefix.length());
            }
        }
        return null;
    }

    private IngestBenchmark() {
    }
}
