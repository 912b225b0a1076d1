package com.acme.goals.platform.feed;

import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.messaging.CloudEventCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import com.acme.goals.platform.replicas.Leases;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every {@link EventFeed} of the service the same way. For each record: the feed's handler; a {@link BadRecord}
 * (or a command a domain rule refused) goes to the dead-letter topic with the reason; a {@link NotKnownYet} is parked;
 * any other failure propagates, and the container retries the whole batch with back-off for as long as it fails,
 * the partition waiting (see {@link FeedConfiguration}). After the batch: the feed's position, in the service's
 * database. Parked records are tried again every {@code goals.feed.parked-retry} and at once when what they wait for
 * is {@link #release released}.
 */
public class EventFeeds {

    private static final Logger log = LoggerFactory.getLogger(EventFeeds.class);
    private final String service;
    private final CloudEventCodec codec;
    private final DeadLetters deadLetters;
    private final ParkedRecords parked;
    private final ConsumerPositions positions;
    private final MeterRegistry meters;
    private final Map<String, EventFeed> feeds = new ConcurrentHashMap<>();

    private final Leases leases;
    private final Duration leaseTime;

    public EventFeeds(String service, CloudEventCodec codec, DeadLetters deadLetters, ParkedRecords parked,
                      ConsumerPositions positions, MeterRegistry meters) {
        this(service, codec, deadLetters, parked, positions, meters, null, Duration.ZERO);
    }

    /** {@code leases}: the periodic redrive of every parked record runs on one replica at a time (null: always here). */
    public EventFeeds(String service, CloudEventCodec codec, DeadLetters deadLetters, ParkedRecords parked,
                      ConsumerPositions positions, MeterRegistry meters, Leases leases, Duration leaseTime) {
        this.leases = leases;
        this.leaseTime = leaseTime;
        this.service = service;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.parked = parked;
        this.positions = positions;
        this.meters = meters;
    }

    String group(String name) {
        return name == null ? service : service + "." + name;
    }

    void register(EventFeed feed) {
        String group = feed.getGroup();
        if (feeds.putIfAbsent(group, feed) != null) {
            throw new IllegalStateException("two feeds share the consumer group " + group);
        }
        Gauge.builder("goals.feed.parked", () -> parked.count(group)).tag("group", group)
                .description("records parked until what they refer to is known").register(meters);
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public ConsumerPositions positions() {
        return positions;
    }

    /** Handles a batch for a feed and records its position; a failure that is not the record's fault propagates. */
    void consume(EventFeed feed, List<ConsumerRecord<String, byte[]>> records) throws Exception {
        String group = feed.getGroup();
        // a batch the headers say is nothing for this feed is not asked again record by record
        boolean passedOver = records.stream().allMatch(feed::leavesUnread);
        if (!passedOver) {
            handleAll(feed, group, records);
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        records.forEach(r -> next.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        positions.save(group, next, passedOver);
    }

    private void handleAll(EventFeed feed, String group, List<ConsumerRecord<String, byte[]>> records) throws Exception {
        if (feed.handlesBatches()) {
            feed.handleBatch(records);
        } else if (feed.handlesBulk()) {
            feed.handleBulk(records, codec, (record, reason) -> deadLetters.send(record, group, reason));
        } else {
            for (ConsumerRecord<String, byte[]> record : records) {
                handle(feed, group, record);
            }
        }
    }

    /** One record of a batch handler's, handled as a feed without one handles each: dead-lettered, parked or retried. */
    void handleOne(EventFeed feed, ConsumerRecord<String, byte[]> record) throws Exception {
        handle(feed, feed.getGroup(), record);
    }

    /** @return true when the record is done with (handled, or dead-lettered); false when it is parked */
    private boolean handle(EventFeed feed, String group, ConsumerRecord<String, byte[]> record) throws Exception {
        try {
            feed.handle(record, codec);
            return true;
        } catch (BadRecord e) {
            deadLetters.send(record, group, e.getMessage());
            return true;
        } catch (DomainRuleBroken e) {
            deadLetters.send(record, group, (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            return true;
        } catch (NotFound | Conflict e) {
            deadLetters.send(record, group, e.getMessage());
            return true;
        } catch (NotKnownYet e) {
            parked.park(group, record, e);
            log.info("{} parked {}/{}@{} until {} is known: {}", group, record.topic(), record.partition(), record.offset(),
                    e.waitingFor(), e.getMessage());
            return false;
        }
    }

    /** Tries the parked records that wait for {@code waitingFor} again, now: it has just become known. One read for all feeds. */
    public void release(String waitingFor) {
        release(List.of(waitingFor));
    }

    /** {@link #release(String)} for several that have just become known, with one read. */
    public void release(java.util.Collection<String> waitingFor) {
        if (waitingFor.isEmpty()) {
            return;
        }
        Map<String, List<ParkedRecords.Parked>> byGroup = new java.util.LinkedHashMap<>();
        for (ParkedRecords.Parked p : parked.waitingFor(waitingFor)) {
            byGroup.computeIfAbsent(p.group(), g -> new java.util.ArrayList<>()).add(p);
        }
        byGroup.forEach((group, waiting) -> {
            EventFeed feed = feeds.get(group);
            if (feed != null) { // another service's feed shares this database: it releases its own
                redrive(feed, waiting);
            }
        });
    }

    /** Belt and braces: every parked record is tried again now and then, whatever raced. */
    @Scheduled(initialDelayString = "${goals.feed.parked-retry:PT10S}", fixedDelayString = "${goals.feed.parked-retry:PT10S}")
    public void redriveAll() {
        if (leases != null && !leases.hold("parked-redrive", leaseTime)) {
            return; // another replica redrives; a parked record waits in the shared database either way
        }
        feeds.values().forEach(feed -> redrive(feed, parked.of(feed.getGroup())));
    }

    private void redrive(EventFeed feed, List<ParkedRecords.Parked> waiting) {
        String group = feed.getGroup();
        for (ParkedRecords.Parked p : waiting) {
            try {
                if (handle(feed, group, p.record())) {
                    parked.release(p.id());
                    log.info("{} handled parked {} (it waited for {})", group, p.id(), p.waitingFor());
                }
            } catch (Exception e) {
                log.warn("{}: parked {} not handled yet: {}", group, p.id(), e.toString());
                return; // the store or the broker: the next round tries again
            }
        }
    }
}
