package com.acme.goals.crmlink.application;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import com.acme.goals.crmlink.domain.CheckedActivity;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.crmlink.domain.ActivityPlacement;
import com.acme.goals.crmlink.application.InboundActivity;
import com.acme.goals.crmlink.application.ParkedActivity;
import com.acme.goals.crmlink.application.SeenEvents;
import com.acme.goals.platform.feed.DeadLetters;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.platform.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline for both transports: check, de-duplicate by (source, id), place in the owner's calendar, publish
 * {@code ActivityRecorded} to {@code crm.events}, then remember the pair. A batch costs one look-up, one round of Kafka
 * sends and one bulk write, not a round trip per event. A crash before the pair is remembered sends the batch again
 * with the same ids, which every reader of {@code crm.events} counts once. (Until decision 20's last step it also
 * kept the activity that names a customer in a ledger of its own; the linked customers' records are read from
 * scoring's now.)
 */
@Component
public class ActivityPipeline {

    /** What became of one inbound event. */
    public enum Outcome { ACCEPTED, DUPLICATE, REJECTED, PARKED }

    /**
     * One inbound record with where it came from (for the dead-letter copy) and the topic it arrived on: its dead letter
     * goes to that topic's {@code .dlq}, and on an integration client's own topic its source is checked.
     */
    public record Inbound(byte[] bytes, String key, Iterable<Header> headers, String origin, String topic) {
    }

    public record Result(Outcome outcome, String id, String reason) {
    }

    private static final Logger log = LoggerFactory.getLogger(ActivityPipeline.class);

    private final InboundActivity checker;
    private final SeenEvents seen;
    private final ParkedActivity parked;
    private final OrgChart orgChart;
    private final Producer<String, byte[]> producer;
    private final CloudEventCodec codec;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DeadLetters deadLetters;
    private final IntegrationClients clients;
    private final String group;

    public ActivityPipeline(InboundActivity checker, SeenEvents seen, ParkedActivity parked, OrgChart orgChart,
                            Producer<String, byte[]> producer, CloudEventCodec codec, MeterRegistry meters, Clock clock,
                            DeadLetters deadLetters, IntegrationClients clients,
                            @Value("${spring.application.name}") String group) {
        this.checker = checker;
        this.seen = seen;
        this.parked = parked;
        this.orgChart = orgChart;
        this.producer = producer;
        this.codec = codec;
        this.meters = meters;
        this.clock = clock;
        this.deadLetters = deadLetters;
        this.clients = clients;
        this.group = group;
    }

    public List<Result> process(List<Inbound> batch) throws Exception {
        long began = System.nanoTime();
        List<Result> results = new ArrayList<>(batch.size());
        Map<String, CheckedActivity> valid = new LinkedHashMap<>();
        Map<Integer, String> validIndex = new LinkedHashMap<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Inbound in = batch.get(i);
            try {
                CheckedActivity checked = checker.check(in.bytes());
                Optional<String> notTheirs = clients.clientOf(in.topic()).flatMap(client -> clients.refusal(client, checked.source()));
                if (notTheirs.isPresent()) {
                    throw new InboundActivity.Rejected("source: " + notTheirs.get());
                }
                validIndex.put(i, checked.dedupeKey());
                valid.putIfAbsent(checked.dedupeKey(), checked);
                results.add(null);
            } catch (InboundActivity.Rejected rejected) {
                sends.add(deadLetter(in, rejected.getMessage()));
                results.add(new Result(Outcome.REJECTED, null, rejected.getMessage()));
            }
        }

        long checkedAt = System.nanoTime();
        Set<String> already = seen.alreadySeen(valid.keySet());
        long lookedUp = System.nanoTime();
        List<String> recorded = new ArrayList<>();
        Set<String> firstInBatch = new HashSet<>();
        Set<String> parkedOwners = new HashSet<>();
        // one org-chart look-up for all owners of the batch, not one per event or per owner
        Map<String, ZoneId> zones = orgChart.timeZones(valid.values().stream().map(CheckedActivity::ownerId)
                .collect(java.util.stream.Collectors.toSet()));
        long zonesAt = System.nanoTime();
        long placeNanos = 0;
        long encodeNanos = 0;
        long sendNanos = 0;
        for (var entry : validIndex.entrySet()) {
            String key = entry.getValue();
            CheckedActivity checked = valid.get(key);
            if (already.contains(key) || !firstInBatch.add(key)) {
                results.set(entry.getKey(), new Result(Outcome.DUPLICATE, checked.id(), null));
                continue;
            }
            Optional<ZoneId> zone = Optional.ofNullable(zones.get(checked.ownerId()));
            if (zone.isEmpty()) {
                parked.park(key, checked.ownerId(), batch.get(entry.getKey()).bytes(), clock.instant());
                parkedOwners.add(checked.ownerId());
                log.info("activity {} parked: owner {} is not in the org chart yet", key, checked.ownerId());
                results.set(entry.getKey(), new Result(Outcome.PARKED, checked.id(),
                        "data.ownerId: " + checked.ownerId() + " is not in the org chart yet; parked until hired"));
                continue;
            }
            long placing = System.nanoTime();
            ActivityRecorded event = ActivityPlacement.place(checked, zone.get());
            long encoding = System.nanoTime();
            byte[] encoded = codec.encode(event, event.activityId(), event.ownerId(), event.occurredAt(), null);
            long sending = System.nanoTime();
            sends.add(publish(event, encoded, batch.get(entry.getKey())));
            placeNanos += encoding - placing;
            encodeNanos += sending - encoding;
            sendNanos += System.nanoTime() - sending;
            recorded.add(key);
            results.set(entry.getKey(), new Result(Outcome.ACCEPTED, checked.id(), null));
        }
        long placed = System.nanoTime();
        // the pair is remembered only once Kafka has the record: nothing lost, a re-run re-sends the same id
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        long acked = System.nanoTime();
        seen.markSeen(recorded, clock.instant());
        long marked = System.nanoTime();
        count(results);
        // where a batch's time goes, for the ingest benchmark and for whoever is paged at 3 a.m.
        stage("check", checkedAt - began);
        stage("dedupe-lookup", lookedUp - checkedAt);
        stage("owner-zones", zonesAt - lookedUp);
        stage("place-and-send", placed - zonesAt);
        stage("place-and-send.place", placeNanos);
        stage("place-and-send.encode", encodeNanos);
        stage("place-and-send.producer-send", sendNanos);
        stage("await-kafka-ack", acked - placed);
        stage("mark-seen", marked - acked);
        // the owner's hire may have been applied while this batch ran, after the release for it had looked: look again
        for (String owner : parkedOwners) {
            if (orgChart.find(owner).isPresent()) {
                releaseParked(owner);
            }
        }
        return results;
    }

    /** Runs an owner's parked activity through the pipeline again, now that the owner is known. */
    public int releaseParked(String ownerId) throws Exception {
        List<ParkedActivity.Parked> waiting = parked.forOwner(ownerId);
        if (waiting.isEmpty() || orgChart.find(ownerId).isEmpty()) {
            return 0;
        }
        process(waiting.stream().map(p -> new Inbound(p.original(), p.key(), null, "parked/" + p.key(), Topics.CRM_ACTIVITY)).toList());
        waiting.forEach(p -> parked.release(p.key()));
        log.info("released {} parked activities of {}", waiting.size(), ownerId);
        return waiting.size();
    }

    private Future<RecordMetadata> publish(ActivityRecorded event, byte[] bytes, Inbound in) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CRM_EVENTS, event.partitionKey(), bytes);
        CloudEventCodec.describe(record.headers(), event);
        if (in.headers() != null) { // the sender's correlation id (HTTP request or inbound record) travels on
            for (Header header : in.headers()) {
                if (RequestIds.HEADER.equals(header.key())) {
                    record.headers().add(header);
                }
            }
        }
        return producer.send(record);
    }

    private Future<RecordMetadata> deadLetter(Inbound in, String reason) {
        return deadLetters.publish(in.topic(), in.key(), in.bytes(), in.headers(), in.origin(), group, reason);
    }

    private void stage(String stage, long nanos) {
        meters.timer("goals.crm.pipeline.stage", "stage", stage).record(nanos, TimeUnit.NANOSECONDS);
    }

    private void count(List<Result> results) {
        for (Result r : results) {
            meters.counter("goals.crm.inbound", "outcome", r.outcome().name().toLowerCase()).increment();
        }
    }
}
