package com.acme.goals.localstack.bench;

import com.acme.goals.localstack.LocalStack;
import com.acme.goals.localstack.ServiceProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static com.acme.goals.localstack.bench.IngestBenchmark.awaitCaughtUp;
import static com.acme.goals.localstack.bench.IngestBenchmark.intOption;
import static com.acme.goals.localstack.bench.IngestBenchmark.row;
import static com.acme.goals.localstack.bench.IngestBenchmark.seconds;

/**
 * {@code run-local.sh bench projection}: how fast scoring-service projects {@code crm.events} into its activity
 * ledger, beside a bare Kafka consumer reading the same records and a bare bulk insert of the same records into the
 * same MongoDB-wire server, in one run on a fresh stack. With {@code --rebuild}, also the time
 * {@code POST /api/scoring/rebuild} takes to rebuild every read model from the beginning of the topics.
 */
public final class ProjectionBenchmark {

    private static final String GROUP = "scoring-service.activity";

    /** What one run measured; {@code rebuildSeconds} is NaN without {@code --rebuild}. */
    public record Result(long events, double projectionPerSecond, double consumePerSecond, double bulkWritePerSecond,
                         double rebuildSeconds, long peakRssBytes, long liveHeapBytes) {
        double ceiling() {
            return Math.min(consumePerSecond, bulkWritePerSecond);
        }
    }

    public static void run(Path home, String[] args) throws Exception {
        measure(home, args);
    }

    public static Result measure(Path home, String[] args) throws Exception {
        int events = intOption(args, "--events=", 100_000);
        int owners = intOption(args, "--owners=", 50);
        boolean rebuild = List.of(args).contains("--rebuild");
        System.out.printf("projection benchmark: %,d ActivityRecorded on crm.events, %d owners%s%n", events, owners,
                rebuild ? ", then a full rebuild" : "");
        System.out.println("starting a fresh embedded stack ...");
        LocalStack.Options options = Stacks.persistIf(args, LocalStack.Options.forTests(home));
        try (LocalStack stack = new LocalStack(options).start();
             BenchKafka kafka = new BenchKafka(stack.kafkaBootstrapServers());
             Stacks.Memory memory = Stacks.Memory.sample(stack);
             FeedFetches fetches = FeedFetches.sample(stack)) {
            ServiceProcess scoring = stack.service("scoring-service");
            scoring.stop();
            // the store's ceiling first, while it is empty: its scratch documents (dropped after) would otherwise share
            // the launcher's heap with scoring's ledger of crm.events as it fills
            double insertSeconds = Stacks.bulkWriteSeconds(stack.mongoUri(), events);
            Random random = new Random(7);
            long began = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String owner = "P-" + (i % owners);
                String id = "bench-activity-" + i;
                LocalDate day = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(330));
                String amount = (100 + random.nextInt(200_000)) + "." + (10 + random.nextInt(90));
                kafka.send(Topics.CRM_EVENTS, owner, recorded(id, owner, day, amount), null);
            }
            kafka.flush();
            double publishSeconds = seconds(System.nanoTime() - began);

            AtomicLong bytes = new AtomicLong();
            Duration raw = kafka.read(Topics.CRM_EVENTS, null, events, r -> bytes.addAndGet(r.value().length));

            long startAt = System.nanoTime();
            scoring.start();
            scoring.awaitHealthy(Duration.ofMinutes(4));
            long healthyAt = System.nanoTime();
            java.util.Map<String, Long> cpuBefore = Stacks.cpuMillis(stack);
            awaitCaughtUp(kafka, GROUP, Topics.CRM_EVENTS, Duration.ofHours(2));
            long builtAt = System.nanoTime();
            // beside the rate, which moves with the machine's spells (3,011 and 8,063/s for the same code, 2026-12-06)
            String cpu = Stacks.cpuPerThousand(cpuBefore, Stacks.cpuMillis(stack), events);

            System.out.printf("%n%-58s %12s %10s%n", "stage (same " + String.format("%,d", events) + " records)", "events/s", "seconds");
            row("publish to crm.events", events, publishSeconds);
            row(String.format("raw Kafka consume of crm.events (%.1f MB)", bytes.get() / 1e6), events, seconds(raw.toNanos()));
            row("raw bulk insert into the store (insertMany of 1000)", events, insertSeconds);
            row("scoring activity projection, from UP to caught up", events, seconds(builtAt - healthyAt));
            row("  (start-up until UP)", 0, seconds(healthyAt - startAt));
            System.out.printf("  CPU per 1,000 events, UP to caught up (ms): %s%n", cpu);
            readsOfAYear(stack, events / owners);

            double rebuildSeconds = Double.NaN;
            if (rebuild) {
                String admin = stack.tokens().token("E-bench-admin", Duration.ofHours(3), "ADMIN");
                long rebuildAt = System.nanoTime();
                HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(stack.gatewayUrl() + "/api/scoring/rebuild")).header("Authorization", "Bearer " + admin)
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (reply.statusCode() != 202) {
                    throw new IllegalStateException("rebuild refused: " + reply.statusCode() + " " + reply.body());
                }
                // the rebuild runs in the background: wait until it has emptied the models and restarted the listeners
                HttpRequest status = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/scoring/projections"))
                        .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(30)).build();
                long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
                while (!HttpClient.newHttpClient().send(status, HttpResponse.BodyHandlers.ofString()).body().contains("\"state\":\"DONE\"")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the rebuild did not finish resetting within 2 h");
                    }
                    Thread.sleep(500);
                }
                long resetAt = System.nanoTime();
                awaitCaughtUp(kafka, GROUP, Topics.CRM_EVENTS, Duration.ofHours(2));
                row("  (stopping listeners, emptying the models, resetting offsets)", 0, seconds(resetAt - rebuildAt));
                rebuildSeconds = seconds(System.nanoTime() - rebuildAt);
                row("rebuild of every read model (POST /api/scoring/rebuild)", events, rebuildSeconds);
            }
            System.out.printf("peak resident memory of the whole stack: %,d MB (MB each: %s)%n", memory.peak() >> 20, memory.peakParts());
            System.out.println(fetches.report());
            long live = Stacks.Memory.launcherLiveHeap();
            System.out.printf("the launcher's live heap after a full GC: %,d MB, %,d bytes per ActivityRecorded%n", live >> 20, live / events);
            return new Result(events, events / seconds(builtAt - healthyAt), events / seconds(raw.toNanos()), events / insertSeconds,
                    rebuildSeconds, memory.peak(), live);
        } finally {
            Stacks.removeData(options);
        }
    }

    /**
     * What one owner's year of activity costs the reads over it, through the gateway: a YEAR goal's links read every
     * record of the owner in the year at scoring and keep the linked customers' (here none match, so the answer is
     * empty and the time is the scan), against a week's; and the year's totals, which progress reads (docs/known-limits.md).
     */
    private static void readsOfAYear(LocalStack stack, int perOwner) throws Exception {
        HttpClient http = Stacks.http();
        String gateway = stack.gatewayUrl();
        String admin = stack.tokens().token("E-bench-admin", Duration.ofHours(3), "ADMIN");
        Stacks.register(http, gateway, admin, "P-0", null); // the reads answer for people in the org chart
        String records = gateway + "/api/actuals/P-0/records?customerId=C-none&periodKey=";
        Stacks.until(http, Stacks.get(records + "2026", admin), 200);
        System.out.printf("reads of owner P-0's %,d activities in 2026 through the gateway (20 each, one at a time, ms):%n", perOwner);
        record Read(String what, String url) {
        }
        for (Read read : List.of(new Read("  a YEAR goal's links (records of 2026, no customer matching)", records + "2026"),
                new Read("  a WEEK goal's links (records of 2026-W10, no customer matching)", records + "2026-W10"),
                new Read("  the year's actuals (GET /api/actuals/P-0?periodKey=2026)", gateway + "/api/actuals/P-0?periodKey=2026"))) {
            long[] millis = new long[20];
            for (int i = 0; i < millis.length; i++) {
                long at = System.nanoTime();
                HttpResponse<String> reply = http.send(Stacks.get(read.url(), admin), HttpResponse.BodyHandlers.ofString());
                millis[i] = (System.nanoTime() - at) / 1_000_000;
                if (reply.statusCode() != 200) {
                    throw new IllegalStateException(read.url() + " answered " + reply.statusCode() + " " + reply.body());
                }
            }
            long first = millis[0]; // cold: nothing of the year remembered yet
            java.util.Arrays.sort(millis);
            System.out.printf("%-66s first %5d  p50 %5d  max %5d%n", read.what(), first, millis[millis.length / 2], millis[millis.length - 1]);
        }
    }

    /** An ActivityRecorded CloudEvent as crm-link publishes it (see crm.ActivityRecorded.schema.json). */
    static byte[] recorded(String id, String owner, LocalDate day, String amount) {
        Instant at = day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        String week = Stacks.isoWeek(day);
        return ("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"urn:crm\",\"type\":\"crm.ActivityRecorded\",\"subject\":\"%s\","
                + "\"time\":\"%s\",\"datacontenttype\":\"application/json\",\"dataschemaversion\":\"1\",\"data\":{"
                + "\"activityId\":\"%s\",\"inboundSource\":\"urn:bench\",\"inboundId\":\"%s\",\"inboundType\":\"crm.payment.received\","
                + "\"ownerId\":\"%s\",\"customerId\":\"C-%s\",\"recordRef\":\"payment/%s\",\"occurredAt\":\"%s\","
                + "\"timeZone\":\"Asia/Shanghai\",\"day\":\"%s\",\"isoWeek\":\"%s\",\"month\":\"%s\","
                + "\"deltas\":[{\"metric\":\"payment_collection\",\"amount\":\"%s\",\"unit\":\"CNY\"}]}}")
                .formatted(id, owner, at, id, id, owner, owner, id, at, day, week, day.toString().substring(0, 7), amount)
                .getBytes(StandardCharsets.UTF_8);
    }

    private ProjectionBenchmark() {
    }
}
