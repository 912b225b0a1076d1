package com.acme.goals.localstack.bench;

import com.acme.goals.localstack.LocalStack;
import com.acme.goals.localstack.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the benchmarks share: a stack that measures the API rather than its per-caller limits, the API calls that seed it, memory. */
final class Stacks {

    /** A fresh test stack whose per-caller rate limits are out of the way. */
    static LocalStack.Options unlimited(Path home) {
        List<String> jvm = new ArrayList<>(LocalStack.Options.defaultJvmOptions());
        jvm.add("-Dgoals.gateway.rate-limit.per-second=1000000");
        jvm.add("-Dgoals.gateway.rate-limit.burst=1000000");
        return LocalStack.Options.forTests(home).withJvmOptions(jvm);
    }

    /**
     * With {@code --persist}: the same stack with Kafka's log and the store on disk, in a fresh folder that
     * {@link #removeData} deletes afterwards; otherwise the options as they are (everything in memory).
     */
    static LocalStack.Options persistIf(String[] args, LocalStack.Options options) throws java.io.IOException {
        if (!List.of(args).contains("--persist")) {
            return options;
        }
        Path dir = java.nio.file.Files.createTempDirectory("goals-bench-");
        System.out.println("--persist: Kafka's log and the store on disk in " + dir);
        // Ctrl-C or a kill skips the benchmark's finally; the folder can hold gigabytes
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                LocalStack.deleteTree(dir);
            } catch (RuntimeException e) {
                System.err.println("could not remove " + dir + ": " + e);
            }
        }, "remove-bench-data"));
        return options.withDataDir(dir);
    }

    static void removeData(LocalStack.Options options) {
        if (options.dataDir() != null && options.dataDir().getFileName().toString().startsWith("goals-bench-")) {
            LocalStack.deleteTree(options.dataDir());
        }
    }

    /** The ISO week of a day, {@code 2026-W49}: the period key of a week goal (the launcher does not share the contracts). */
    static String isoWeek(java.time.LocalDate day) {
        return String.format("%d-W%02d", day.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The benchmarks' HTTP/1.1 client, as dashboards and scripts call the gateway. */
    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static void register(HttpClient http, String gateway, String admin, String id, String supervisor) throws Exception {
        until(http, post(gateway + "/api/org/employees", admin, """
                {"employeeId":"%s","name":"%s","role":"CHANNEL_MANAGER","supervisorId":%s,"timeZone":"Asia/Shanghai"}"""
                .formatted(id, id, supervisor == null ? "null" : "\"" + supervisor + "\"")), 201);
    }

    /** Sends until the expected status comes back (the read side follows the write side within seconds). */
    static String until(HttpClient http, HttpRequest request, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == expected) {
                return reply.body();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(request.uri() + " answered " + reply.statusCode() + " " + reply.body());
            }
            Thread.sleep(200);
        }
    }

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
    }

    static HttpRequest post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Raw documents the ceiling holds at once: more would make the ceiling, not the services, set the launcher's heap. */
    static final int CEILING_SLICE = 100_000;

    /**
     * The ceiling of the store: {@code count} small documents written by {@code insertMany} of 1,000 into the same
     * MongoDB-wire server, in seconds. Written {@value #CEILING_SLICE} at a time into a scratch collection dropped
     * between slices (not timed): a million raw documents at once took more of the launcher's heap than the three
     * ledgers of a million events, and ran a launcher capped at 1,100 MB out of it.
     */
    static double bulkWriteSeconds(String mongoUri, int count) {
        java.util.Random random = new java.util.Random(3);
        try (com.mongodb.client.MongoClient mongo = com.mongodb.client.MongoClients.create(mongoUri)) {
            com.mongodb.client.MongoDatabase bench = mongo.getDatabase("bench");
            com.mongodb.client.MongoCollection<org.bson.Document> scratch = bench.getCollection("raw_insert");
            List<org.bson.Document> batch = new ArrayList<>(1000);
            long took = 0;
            for (int from = 0; from < count; from += CEILING_SLICE) {
                int to = Math.min(count, from + CEILING_SLICE);
                long began = System.nanoTime();
                for (int i = from; i < to; i++) {
                    batch.add(new org.bson.Document("_id", "raw-" + i).append("ownerId", "P-" + (i % 50)).append("type", "crm.payment.received")
                            .append("day", "2026-01-01").append("amount", (100 + random.nextInt(200_000)) + ".50"));
                    if (batch.size() == 1000 || i == to - 1) {
                        scratch.insertMany(batch, new com.mongodb.client.model.InsertManyOptions().ordered(false));
                        batch.clear();
                    }
                }
                took += System.nanoTime() - began;
                scratch.drop();
            }
            bench.drop();
            return took / 1e9;
        }
    }

    /** CPU time (user and system) each process of the stack has used so far, in ms, the launcher first. */
    static java.util.Map<String, Long> cpuMillis(LocalStack stack) {
        java.util.Map<String, Long> millis = new java.util.LinkedHashMap<>();
        millis.put("launcher (broker, store, bench)", cpuMillis(ProcessHandle.current().pid()));
        stack.processes().forEach((name, process) -> millis.put(name, cpuMillis(process.pid())));
        return millis;
    }

    static long cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toMillis).orElse(0L);
    }

    /** Where the CPU went between two {@link #cpuMillis(LocalStack)} readings, per 1,000 events: {@code scoring-service 410 ms, ...}. */
    static String cpuPerThousand(java.util.Map<String, Long> before, java.util.Map<String, Long> after, long events) {
        StringBuilder out = new StringBuilder();
        after.forEach((name, ms) -> out.append(out.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(Math.round((ms - before.getOrDefault(name, 0L)) * 1000.0 / events)).append(" ms"));
        return out.toString();
    }

    /**
     * The resident memory of the whole stack (this JVM, which holds the broker and the store, and every service
     * process), sampled every second; {@link #peak()} is the largest sum seen.
     */
    static final class Memory implements AutoCloseable {
        private final LocalStack stack;
        private final Thread sampler;
        private volatile long peak;
        private volatile String peakParts = "";
        private volatile boolean done;

        private Memory(LocalStack stack) {
            this.stack = stack;
            this.sampler = new Thread(this::loop, "rss-sampler");
            this.sampler.setDaemon(true);
        }

        static Memory sample(LocalStack stack) {
            Memory memory = new Memory(stack);
            memory.sampler.start();
            return memory;
        }

        long peak() {
            record();
            return peak;
        }

        /** Each process's share of the peak, in MB: {@code launcher 2100, gateway 300, ...}. */
        String peakParts() {
            return peakParts;
        }

        private synchronized void record() {
            StringBuilder parts = new StringBuilder();
            long sum = part(parts, "launcher (broker, store, bench)", ProcessHandle.current().pid());
            for (var p : stack.processes().entrySet()) {
                sum += part(parts, p.getKey(), p.getValue().pid());
            }
            if (sum > peak) {
                peak = sum;
                peakParts = parts.toString();
            }
        }

        private static long part(StringBuilder parts, String name, long pid) {
            long rss = rss(pid);
            parts.append(parts.isEmpty() ? "" : ", ").append(name).append(' ').append(rss >> 20);
            return rss;
        }

        private void loop() {
            while (!done) {
                record();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /**
         * The launcher's live heap after a full collection: the broker's and the in-memory store's data (the bench's
         * own objects are small). Divided by the events stored, the store's cost per event.
         */
        static long launcherLiveHeap() {
            System.gc();
            return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        /** VmRSS of a process in bytes; 0 when it is not running (or not on Linux). */
        static long rss(long pid) {
            if (pid <= 0) {
                return 0;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }

        @Override
        public void close() {
            done = true;
            sampler.interrupt();
        }
    }

    private Stacks() {
    }
}
