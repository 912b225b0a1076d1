package com.acme.goals.localstack.bench;

import com.acme.goals.localstack.LocalStack;
import org.HdrHistogram.Histogram;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.acme.goals.localstack.bench.IngestBenchmark.intOption;
import static com.acme.goals.localstack.bench.IngestBenchmark.seconds;

/**
 * {@code run-local.sh bench e2e}: an inbound payment on {@code crm.activity} until its owner's week goal shows it
 * through the gateway ({@code GET /api/progress/goals/{id}}), the way a dashboard sees it. A fresh stack; owners
 * registered and given a week goal through the API; then
 * <ol>
 *   <li><b>sustained</b>: {@code --events} payments published at once, timed from the first publish until every
 *   owner's progress shows its exact total (nothing lost, nothing twice), beside the ceilings of the same records on
 *   the same machine: a bare Kafka consumer of them, and a bare {@code insertMany} of as many documents into the
 *   same MongoDB-wire server;</li>
 *   <li><b>latency</b>: a steady {@code --rate} for {@code --seconds}, among it a probe payment of 1.00 every 100 ms
 *   to one owner whose progress is read every 20 ms; each probe's latency runs from its publish to the first read
 *   that shows it (so up to 20 ms more than the truth).</li>
 * </ol>
 * The resident memory of every process of the stack is sampled every second throughout.
 */
public final class EndToEndBenchmark {

    private static final Pattern GOAL_ID = Pattern.compile("\"goalId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACTUAL = Pattern.compile("\"actual\"\\s*:\\s*\"([^\"]+)\"");
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
    private static final String PROBE = "E2E-probe";
    /** Progress reads after the warm-up burst, so the path that watches the sustained one is compiled as well. */
    private static final int WARM_READS = 5_000;

    /** What one run measured; the {@code bench all} table is made of these. */
    public record Result(long events, double eventsPerSecond, double consumePerSecond, double bulkWritePerSecond,
                         int rate, int seconds, Histogram latencyMillis, double drainSeconds, long lost, long peakRssBytes,
                         String peakParts, long liveHeapBytes, long inboundEvents, long warmupEvents, double coldPerSecond) {

        double ceiling() {
            return Math.min(consumePerSecond, bulkWritePerSecond);
        }
    }

    public static void run(Path home, String[] args) throws Exception {
        print(measure(home, args));
    }

    public static Result measure(Path home, String[] args) throws Exception {
        int events = intOption(args, "--events=", 50_000);
        int owners = intOption(args, "--owners=", 20);
        int rate = intOption(args, "--rate=", 1000);
        int seconds = intOption(args, "--seconds=", 300);
        int warmup = intOption(args, "--warmup=", 60_000);
        System.out.printf("end-to-end benchmark: %,d payments for %d owners at once (after %,d to warm the stack up), then %d/s "
                + "for %d s with a probe%n", events, owners, warmup, rate, seconds);
        System.out.println("starting a fresh embedded stack ...");
        LocalStack.Options options = Stacks.persistIf(args, Stacks.unlimited(home));
        try (LocalStack stack = new LocalStack(options).start();
             BenchKafka kafka = new BenchKafka(stack.kafkaBootstrapServers());
             Stacks.Memory memory = Stacks.Memory.sample(stack)) {
            HttpClient http = Stacks.http();
            String gateway = stack.gatewayUrl();
            String admin = stack.tokens().token("A-e2e", Duration.ofHours(6), "ADMIN");
            OffsetDateTime now = OffsetDateTime.now(SHANGHAI);
            String week = Stacks.isoWeek(now.toLocalDate());
            OffsetDateTime monday = now.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS);
            System.out.println("registering " + owners + " owners and their " + week + " goals ...");
            Stacks.register(http, gateway, admin, "L-e2e", null);
            String lead = stack.tokens().token("L-e2e", Duration.ofHours(6), "SUPERVISOR");
            Map<String, String> goals = new HashMap<>();
            List<String> everyone = new ArrayList<>();
            for (int i = 0; i < owners; i++) {
                everyone.add("E2E-" + i);
            }
            everyone.add(PROBE);
            for (String owner : everyone) {
                Stacks.register(http, gateway, admin, owner, "L-e2e");
                String reply = Stacks.until(http, Stacks.post(gateway + "/api/goals", lead, """
                        {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"collect",
                         "numericTargets":[{"metric":"payment_collection","target":"100000000","unit":"CNY"}]}"""
                        .formatted(owner, week)), 201);
                Matcher id = GOAL_ID.matcher(reply);
                id.find();
                goals.put(owner, id.group(1));
            }
            for (String owner : everyone) { // scoring has the goal before anything is timed
                Stacks.until(http, Stacks.get(gateway + "/api/progress/goals/" + goals.get(owner), admin), 200);
            }

            Map<String, BigDecimal> expected = new HashMap<>();
            Random random = new Random(11);
            double coldPerSecond = 0;
            if (warmup > 0) {
                // a fresh stack's first bursts are partly spent compiling: on C2 the launcher's compiler threads took a
                // fifth of the machine's CPU through the first 50,000 payments, and still did after 20,000 of warm-up
                // (on C1, its default now, less; the services' C1 and the gateway's C2 compile too). The sustained rate
                // is measured once the paths are compiled; the cold one is shown beside it.
                System.out.println("warm-up: publishing " + String.format("%,d", warmup) + " payments ...");
                long warmBegan = System.nanoTime();
                burst(kafka, everyone, owners, warmup, "warm-", expected, random, monday, now);
                awaitTotals(http, gateway, admin, goals, expected, Duration.ofMinutes(60));
                coldPerSecond = warmup / seconds(System.nanoTime() - warmBegan);
                System.out.printf("  every total visible at %,.0f events/s (a cold stack)%n", coldPerSecond);
                // the reads that watch a burst take the gateway's path too, which the warm-up's few hundred reads left
                // cold: in one run the gateway's compilers took 0.99 s of its 1.78 s of CPU during the sustained burst
                long readsBegan = System.nanoTime();
                List<String> watched = List.copyOf(goals.values());
                for (int read = 0; read < WARM_READS; read++) {
                    actual(http, gateway, admin, watched.get(read % watched.size()));
                }
                System.out.printf("  %,d progress reads through the gateway in %.1f s%n", WARM_READS, seconds(System.nanoTime() - readsBegan));
            }

            System.out.println("sustained: publishing " + String.format("%,d", events) + " payments ...");
            var from = kafka.ends(Topics.CRM_ACTIVITY);
            Map<String, Long> cpuBefore = Stacks.cpuMillis(stack);
            long began = System.nanoTime();
            burst(kafka, everyone, owners, events, "e2e-", expected, random, monday, now);
            double publishSeconds = seconds(System.nanoTime() - began);
            awaitTotals(http, gateway, admin, goals, expected, Duration.ofMinutes(60));
            double sustainedSeconds = seconds(System.nanoTime() - began);
            System.out.printf("  published in %.1f s; every total visible after %.1f s%n", publishSeconds, sustainedSeconds);
            System.out.printf("  CPU per 1,000 events, publish to visible (ms): %s%n",
                    Stacks.cpuPerThousand(cpuBefore, Stacks.cpuMillis(stack), events));

            Duration consume = kafka.read(Topics.CRM_ACTIVITY, from, events, r -> { });
            double insertSeconds = Stacks.bulkWriteSeconds(stack.mongoUri(), events);

            System.out.printf("latency: %d/s for %d s, a probe every 100 ms ...%n", rate, seconds);
            Histogram latency = new Histogram(600_000, 3);
            int probes = seconds * 10;
            long[] probeSentAt = new long[probes + 1];
            AtomicLong probesSent = new AtomicLong();
            AtomicReference<Throwable> readerFailed = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                long seen = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 600L).toNanos();
                try {
                    while (seen < probes && System.nanoTime() < deadline) {
                        BigDecimal actual = actual(http, gateway, admin, goals.get(PROBE));
                        long at = System.nanoTime();
                        long shown = Math.min(actual.longValue(), probesSent.get());
                        for (long p = seen + 1; p <= shown; p++) {
                            latency.recordValue(Math.min(600_000, Math.max(0, (at - probeSentAt[(int) p]) / 1_000_000)));
                        }
                        seen = Math.max(seen, shown);
                        Thread.sleep(20); // 50 reads a second at most: the reader must not be the load it measures
                    }
                } catch (Throwable t) {
                    readerFailed.set(t);
                }
            }, "probe-reader");
            reader.start();
            long phaseBegan = System.nanoTime();
            long sent = 0;
            long total = (long) rate * seconds;
            int probe = 0;
            for (long i = 0; i < total; i++) {
                long due = phaseBegan + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (i % Math.max(1, rate / 10) == 0 && probe < probes) {
                    probe++;
                    probeSentAt[probe] = System.nanoTime();
                    probesSent.set(probe);
                    kafka.send(Topics.CRM_ACTIVITY, "probe-" + probe, payment("e2e-probe-" + probe, PROBE, "1.00", now), null);
                    continue;
                }
                String owner = everyone.get((int) (i % owners));
                String amount = (100 + random.nextInt(200_000)) + "." + (10 + random.nextInt(90));
                expected.merge(owner, new BigDecimal(amount), BigDecimal::add);
                String id = "e2e-steady-" + i;
                kafka.send(Topics.CRM_ACTIVITY, id, payment(id, owner, amount, during(monday, now, random)), null);
                sent++;
            }
            kafka.flush();
            long lastPublishAt = System.nanoTime();
            expected.put(PROBE, BigDecimal.valueOf(probe));
            long lost = awaitTotals(http, gateway, admin, goals, expected, Duration.ofMinutes(30));
            double drain = seconds(System.nanoTime() - lastPublishAt);
            reader.join(Duration.ofMinutes(10).toMillis());
            if (readerFailed.get() != null) {
                throw new IllegalStateException("the probe reader failed", readerFailed.get());
            }
            System.out.printf("  %,d steady payments and %d probes; every total visible %.1f s after the last publish%n", sent, probe, drain);
            long live = Stacks.Memory.launcherLiveHeap();
            System.out.printf("  the launcher's live heap after a full GC: %,d MB for %,d inbound events, %,d bytes per event "
                    + "(each held on crm.activity and crm.events, and in scoring's ledger)%n", live >> 20,
                    warmup + events + sent + probe, live / (warmup + events + sent + probe));
            return new Result(events, events / sustainedSeconds, events / seconds(consume.toNanos()), events / insertSeconds,
                    rate, seconds, latency, drain, lost, memory.peak(), memory.peakParts(), live, warmup + events + sent + probe,
                    warmup, coldPerSecond);
        } finally {
            Stacks.removeData(options);
        }
    }

    /** Publishes {@code count} payments spread over the owners, adding each to what the owner's total must become. */
    private static void burst(BenchKafka kafka, List<String> everyone, int owners, int count, String prefix,
                              Map<String, BigDecimal> expected, Random random, OffsetDateTime monday, OffsetDateTime now) {
        for (int i = 0; i < count; i++) {
            String owner = everyone.get(i % owners);
            String amount = (100 + random.nextInt(200_000)) + "." + (10 + random.nextInt(90));
            expected.merge(owner, new BigDecimal(amount), BigDecimal::add);
            String id = prefix + i;
            kafka.send(Topics.CRM_ACTIVITY, id, payment(id, owner, amount, during(monday, now, random)), null);
        }
        kafka.flush();
    }

    static void print(Result r) {
        System.out.printf("%n%-62s %12s%n", "end to end (same " + String.format("%,d", r.events()) + " records)", "events/s");
        System.out.printf("%-62s %,12.0f%n", "crm.activity -> progress visible through the gateway", r.eventsPerSecond());
        if (r.warmupEvents() > 0) {
            System.out.printf("%-62s %,12.0f%n", String.format("  the %,d before them, on the cold stack", r.warmupEvents()), r.coldPerSecond());
        }
        System.out.printf("%-62s %,12.0f%n", "raw Kafka consume of the same records", r.consumePerSecond());
        System.out.printf("%-62s %,12.0f%n", "raw insertMany of as many documents into the same store", r.bulkWritePerSecond());
        System.out.printf("%-62s %11.1f%%%n", "end to end / min(consume, bulk write)", 100 * r.eventsPerSecond() / r.ceiling());
        Histogram h = r.latencyMillis();
        System.out.printf("%nlatency publish -> visible progress at %d events/s offered for %d s (%d probes, ms): p50 %d  p95 %d  p99 %d  max %d%n",
                r.rate(), r.seconds(), h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(95),
                h.getValueAtPercentile(99), h.getMaxValue());
        System.out.printf("owners whose total differs at the end: %d; drained %.1f s after the last publish%n", r.lost(), r.drainSeconds());
        System.out.printf("peak resident memory of the whole stack: %,d MB (MB each: %s)%n", r.peakRssBytes() >> 20, r.peakParts());
    }

    /**
     * Polls the owners' progress until each shows its expected total; returns how many still differ at the timeout. One
     * owner is read at a time, every 100 ms until it shows its total, then the next at once: about ten reads a second
     * while the stack catches up, not twenty owners' reads each round, which cost the stack as much CPU as a thousand
     * events a second (the reader must not be the load it measures). The last owner to show its total decides when
     * everything is visible, whichever order they are read in.
     */
    private static long awaitTotals(HttpClient http, String gateway, String token, Map<String, String> goals,
                                    Map<String, BigDecimal> expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, BigDecimal> waiting = new LinkedHashMap<>(expected);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            var e = waiting.entrySet().iterator().next();
            BigDecimal actual = actual(http, gateway, token, goals.get(e.getKey()));
            if (actual.compareTo(e.getValue()) == 0) {
                waiting.remove(e.getKey());
            } else if (actual.compareTo(e.getValue()) > 0) {
                throw new IllegalStateException(e.getKey() + " shows " + actual + ", more than the " + e.getValue() + " sent: counted twice");
            } else {
                Thread.sleep(100);
            }
        }
        waiting.forEach((owner, total) -> System.out.println("  " + owner + " still differs from " + total));
        if (!waiting.isEmpty()) {
            return waiting.size();
        }
        long drifted = 0; // each once more: a total that moved on after it was seen right was counted twice
        for (var e : expected.entrySet()) {
            BigDecimal actual = actual(http, gateway, token, goals.get(e.getKey()));
            if (actual.compareTo(e.getValue()) != 0) {
                drifted++;
                System.out.println("  " + e.getKey() + " showed its total " + e.getValue() + ", then " + actual);
            }
        }
        return drifted;
    }

    private static BigDecimal actual(HttpClient http, String gateway, String token, String goalId) throws Exception {
        HttpResponse<String> reply = http.send(Stacks.get(gateway + "/api/progress/goals/" + goalId, token),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Matcher m = ACTUAL.matcher(reply.body());
        if (reply.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("progress of " + goalId + " answered " + reply.statusCode() + " " + reply.body());
        }
        return new BigDecimal(m.group(1));
    }

    /** A moment of this week up to now, so every payment falls in the week goal's period. */
    private static OffsetDateTime during(OffsetDateTime monday, OffsetDateTime now, Random random) {
        long span = Math.max(1, Duration.between(monday, now).toSeconds());
        return now.minusSeconds((long) (random.nextDouble() * span));
    }

    static byte[] payment(String id, String owner, String amount, OffsetDateTime at) {
        return ("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"urn:bench:crm\",\"type\":\"crm.payment.received\",\"subject\":\"%s\","
                + "\"time\":\"%s\",\"datacontenttype\":\"application/json\",\"dataschemaversion\":\"1\",\"data\":{"
                + "\"paymentId\":\"P-%s\",\"customerId\":\"C-%s\",\"ownerId\":\"%s\",\"amount\":\"%s\",\"currency\":\"CNY\"}}")
                .formatted(id, id, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.truncatedTo(ChronoUnit.SECONDS)), id, owner, owner, amount)
                .getBytes(StandardCharsets.UTF_8);
    }

    private EndToEndBenchmark() {
    }
}
