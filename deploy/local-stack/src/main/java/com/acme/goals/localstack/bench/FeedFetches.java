package com.acme.goals.localstack.bench;

import com.acme.goals.localstack.LocalStack;
import com.acme.goals.localstack.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many records each feed's fetches brought while a bench ran, beside the poll its service logged at start: a fetch
 * that brings more than a poll takes leaves records buffered, and Kafka's consumer then leaves their partition out of
 * the next fetch (the stall {@code PollSizedFetches} prevents, on assumptions about record sizes and partitions). Kafka's
 * own consumer meters, as each service shows them on {@code /actuator/prometheus}, sampled every few seconds: the
 * records a fetch brought on average over Kafka's 30-second windows (the highest such average seen), and the largest
 * fetch in bytes.
 */
final class FeedFetches implements AutoCloseable {

    private static final Pattern METER = Pattern.compile(
            "(?m)^kafka_consumer_fetch_manager_(records_per_request_avg|fetch_size_max)\\{([^}]*)} ([0-9.Ee+-]+|NaN)$");
    private static final Pattern CLIENT = Pattern.compile("client_id=\"consumer-([^\"]+)-\\d+\"");
    /** The line {@code PollSizedFetches} logs for each feed it sizes, or that sizes its own fetches. */
    static final Pattern POLL = Pattern.compile("feed (\\S+) polls up to ([0-9]+) records");

    /** What one feed's fetches brought at most: records (a 30-s average) and bytes (one fetch). */
    record Highest(double records, double bytes) {
        Highest max(Highest other) {
            return new Highest(Math.max(records, other.records), Math.max(bytes, other.bytes));
        }
    }

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Highest> byFeed = new TreeMap<>();
    private final Set<String> withoutConsumers = ConcurrentHashMap.newKeySet();
    private final Thread sampler;
    private volatile boolean done;

    /** For a test: the meters given to {@link #merge}, no stack sampled. */
    FeedFetches() {
        this.stack = null;
        this.sampler = null;
    }

    private FeedFetches(LocalStack stack) {
        this.stack = stack;
        this.sampler = new Thread(this::loop, "fetch-sampler");
        this.sampler.setDaemon(true);
    }

    static FeedFetches sample(LocalStack stack) {
        FeedFetches fetches = new FeedFetches(stack);
        fetches.sampler.start();
        return fetches;
    }

    private void loop() {
        while (!done) {
            record();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record() {
        for (ServiceProcess service : stack.processes().values()) {
            if (withoutConsumers.contains(service.name())) {
                continue;
            }
            try {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (metrics.statusCode() != 200 || !metrics.body().contains("kafka_consumer_")) {
                    // the gateway and the issuer read no topic: asked once, not every 5 s, so the bench's CPU lines stay theirs
                    withoutConsumers.add(service.name());
                } else {
                    merge(metrics.body());
                }
            } catch (IOException e) {
                // stopped or restarting (the benches stop a service while its backlog is published): next time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Takes the feeds' meters of one scrape into the highest values seen (a partition's own meters are left out). */
    synchronized void merge(String prometheus) {
        Matcher meter = METER.matcher(prometheus);
        while (meter.find()) {
            Matcher client = CLIENT.matcher(meter.group(2));
            if (meter.group(2).contains("topic=") || !client.find() || meter.group(3).equals("NaN")) {
                continue;
            }
            double value = Double.parseDouble(meter.group(3));
            Highest seen = meter.group(1).equals("fetch_size_max") ? new Highest(0, value) : new Highest(value, 0);
            byFeed.merge(client.group(1), seen, Highest::max);
        }
    }

    /** What {@link #describe} says of the feeds' fetches so far, their polls read from the services' logs. */
    synchronized String report() {
        record();
        Map<String, Integer> polls = new TreeMap<>();
        for (ServiceProcess service : stack.processes().values()) {
            polls.putAll(polls(service));
        }
        return describe(byFeed, polls);
    }

    /**
     * One line per feed that fetched anything, beside its poll, and a verdict: how many feeds brought more records in
     * a fetch than a poll takes.
     */
    static String describe(Map<String, Highest> byFeed, Map<String, Integer> polls) {
        StringBuilder out = new StringBuilder("records a fetch brought (Kafka's records-per-request-avg, the highest 30-s average;"
                + " poll as each feed logged it at start):");
        int above = 0;
        int feeds = 0;
        for (Map.Entry<String, Highest> feed : byFeed.entrySet()) {
            if (feed.getValue().records() < 1) {
                continue;
            }
            feeds++;
            Integer poll = polls.get(feed.getKey());
            boolean over = poll != null && feed.getValue().records() > poll;
            above += over ? 1 : 0;
            out.append(String.format("%n  %-40s %,7.0f  poll %-7s largest fetch %,6.0f KiB%s", feed.getKey(), feed.getValue().records(),
                    poll == null ? "?" : String.format("%,d", poll), feed.getValue().bytes() / 1024, over ? "  MORE THAN A POLL" : ""));
        }
        out.append(String.format("%n  feeds whose fetches brought more than a poll: %d of %d", above, feeds));
        return out.toString();
    }

    /** The highest values seen so far, by feed (its consumer group). */
    synchronized Map<String, Highest> highest() {
        return new TreeMap<>(byFeed);
    }

    /** Each feed's poll as {@code PollSizedFetches} logged it in this service's log. */
    static Map<String, Integer> polls(ServiceProcess service) {
        try {
            return polls(Files.readAllLines(service.log(), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Map.of(); // no log to read: its feeds' polls show as unknown
        }
    }

    /** Each feed's poll in these log lines, the last said of it. */
    static Map<String, Integer> polls(List<String> log) {
        Map<String, Integer> polls = new TreeMap<>();
        for (String line : log) {
            Matcher poll = POLL.matcher(line);
            if (poll.find()) {
                polls.put(poll.group(1), Integer.parseInt(poll.group(2)));
            }
        }
        return polls;
    }

    @Override
    public void close() {
        done = true;
        if (sampler != null) {
            sampler.interrupt();
        }
    }
}
