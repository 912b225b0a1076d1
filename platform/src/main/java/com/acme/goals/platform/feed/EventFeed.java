package com.acme.goals.platform.feed;

import com.acme.goals.contracts.DomainEvent;
import com.acme.goals.contracts.EventTypes;
import com.acme.goals.platform.messaging.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way to consume a topic. A feed names its consumer group and topics and says what to do with each type of event
 * (or, for records that are not our CloudEvents, with each record or each batch); {@link EventFeeds} does the rest the
 * same way for every feed: decode, route by type, dead-letter what is bad in itself, park what refers to something not
 * known yet, retry everything else (the broker, the store, a timeout) for as long as it fails while the partition waits,
 * and keep the feed's position in the service's own database.
 * <p>
 * Handlers must be idempotent: after a crash or a retry a record may be handled again.
 */
public abstract class EventFeed {

    /** What a feed that {@link #waitsForLargerBatches waits for larger batches} asks of each fetch, and takes a poll. */
    static final int LARGE_BATCH_BYTES = 256 * 1024;
    static final int LARGE_BATCH_RECORDS = 2_000;

    /** Handles one event of a type, with its envelope (id, sequence, subject). */
    @FunctionalInterface
    public interface EventHandler<T> {
        void handle(T event, CloudEventCodec.Envelope envelope) throws Exception;
    }

    /** Handles the events of one type in a batch at once (a bulk write). */
    @FunctionalInterface
    public interface BulkHandler<T> {
        void handle(List<T> events) throws Exception;
    }

    /** An event of a batch with the envelope it came in (its id, sequence and subject). */
    public record Delivered<T extends DomainEvent>(T event, CloudEventCodec.Envelope envelope) {
    }

    /** Handles a record that is not one of our CloudEvents (inbound from other systems). */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(ConsumerRecord<String, byte[]> record) throws Exception;
    }

    /** Handles a whole batch of records at once; it dead-letters and parks its bad and waiting records itself. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
    }

    private final String name;
    private final String[] topics;
    private final Map<Class<? extends DomainEvent>, EventHandler<? extends DomainEvent>> handlers = new LinkedHashMap<>();
    private Class<? extends DomainEvent> bulkType;
    private BulkHandler<?> bulk;
    private boolean bulkWithEnvelopes;
    private RecordHandler recordHandler;
    private BatchHandler batchHandler;
    private EventFeeds feeds;
    private final List<String> retired = new ArrayList<>();
    private Duration batchWait = Duration.ZERO;
    private int threads = 1;

    /** @param name the group is {@code <service>.<name>}; null: the service's own name */
    protected EventFeed(String name, String... topics) {
        this.name = name;
        this.topics = topics;
    }

    protected final <T extends DomainEvent> void on(Class<T> type, EventHandler<T> handler) {
        handlers.put(type, handler);
    }

    protected final <T extends DomainEvent> void onAll(Class<T> type, BulkHandler<T> handler) {
        this.bulkType = type;
        this.bulk = handler;
        this.bulkWithEnvelopes = false;
    }

    /**
     * Like {@link #onAll}, each event with its envelope, in the order of the batch: for a handler that needs the
     * sequence or that takes several types (a subtype of {@code type}) and must keep their order.
     */
    protected final <T extends DomainEvent> void onAllDelivered(Class<T> type, BulkHandler<Delivered<T>> handler) {
        this.bulkType = type;
        this.bulk = handler;
        this.bulkWithEnvelopes = true;
    }

    protected final void onRecord(RecordHandler handler) {
        this.recordHandler = handler;
    }

    protected final void onBatch(BatchHandler handler) {
        this.batchHandler = handler;
    }

    /**
     * This feed now does the work of a feed of the service's that is gone: it resumes no later than where that one
     * stood, and the old group's positions are dropped (before any partition is assigned: feeds attach as they are
     * built, and listeners start after every bean is).
     */
    protected final void takesOver(String retiredName) {
        retired.add(retiredName);
    }

    /**
     * The broker holds this feed's fetches until it has a batch of {@value #LARGE_BATCH_BYTES} bytes or {@code wait} has
     * passed: for a feed that passes over most of what it reads, where each poll, not each record, is what costs. Under
     * a burst goal-service's feed on {@code crm.events} got 73 records a fetch and took 43-56 ms of CPU per 1,000 events
     * passing payments over; with batches held for 250 ms, 310-323 a fetch and 25-29 ms (issue 18). What it handles
     * waits up to {@code wait} longer. Not for a feed that writes what it reads: report-service's ledger, given the same,
     * wrote 2,000 a bulk write and halved scoring's projection beside it (docs/measured.md).
     */
    protected final void waitsForLargerBatches(Duration wait) {
        this.batchWait = wait;
    }

    /**
     * This feed consumes its partitions on up to {@code threads} consumers of its group at once, each partition in order
     * on one of them: for a feed whose handlers may run at once for different partitions, and that waits on the store
     * more than it computes (one thread decodes, writes, then idles while the store works). More threads than the
     * topics' partitions sit idle.
     */
    protected final void consumesOnThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a feed needs at least one thread, not " + threads);
        }
        this.threads = threads;
    }

    /** How many consumers of its group this feed runs (the listener annotation reads it). */
    public int getConcurrency() {
        return threads;
    }

    /** This feed's own consumer properties over the service's (the listener annotation reads them). */
    public String[] getConsumerProperties() {
        if (batchWait.isZero()) {
            return new String[0];
        }
        return new String[] {ConsumerConfig.FETCH_MIN_BYTES_CONFIG + "=" + LARGE_BATCH_BYTES,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG + "=" + batchWait.toMillis(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG + "=" + LARGE_BATCH_RECORDS};
    }

    @Autowired
    public final void attach(EventFeeds feeds) {
        this.feeds = feeds;
        feeds.register(this);
        retired.forEach(name -> feeds.positions().retire(feeds.group(name), getGroup()));
    }

    /** The plumbing this feed runs on: its dead letters and parking, for batch handlers that do their own. */
    protected final EventFeeds feeds() {
        return feeds;
    }

    /**
     * For a batch handler: one record handled as a feed without a batch handler handles each, through this feed's
     * record handler (dead-lettered when bad in itself, parked when it waits for something, thrown otherwise).
     */
    protected final void handleOne(ConsumerRecord<String, byte[]> record) throws Exception {
        feeds.handleOne(this, record);
    }

    public String getGroup() {
        return feeds.group(name);
    }

    public String[] getTopics() {
        return topics.clone();
    }

    @KafkaListener(id = "#{__listener.group}", groupId = "#{__listener.group}", topics = "#{__listener.topics}",
            properties = "#{__listener.consumerProperties}", concurrency = "#{__listener.concurrency}", containerFactory = FeedConfiguration.CONTAINER_FACTORY)
    public void consume(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        feeds.consume(this, records);
    }

    // ---- used by EventFeeds

    boolean handlesBatches() {
        return batchHandler != null;
    }

    boolean handlesBulk() {
        return bulk != null;
    }

    void handleBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        batchHandler.handle(records);
    }

    /** One record: a raw handler, or decoded and routed by type (types without a handler are not this feed's). */
    @SuppressWarnings("unchecked")
    void handle(ConsumerRecord<String, byte[]> record, CloudEventCodec codec) throws Exception {
        if (recordHandler != null) {
            recordHandler.handle(record);
            return;
        }
        if (notMine(record) || passesOver(record)) {
            return;
        }
        CloudEventCodec.Envelope envelope = decode(record, codec);
        DomainEvent event = payload(envelope, codec);
        if (event == null) {
            return;
        }
        EventHandler<DomainEvent> handler = (EventHandler<DomainEvent>) handlers.get(event.getClass());
        if (handler != null) {
            handler.handle(event, envelope);
        }
    }

    /** The bulk type's events of a batch, in order; a record that cannot be read is handed to {@code bad}. */
    @SuppressWarnings("unchecked")
    void handleBulk(List<ConsumerRecord<String, byte[]>> records, CloudEventCodec codec, BadRecords bad) throws Exception {
        List<Object> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (notMine(record) || passesOver(record)) {
                continue;
            }
            try {
                CloudEventCodec.Envelope envelope = decode(record, codec);
                DomainEvent event = payload(envelope, codec);
                if (event != null && bulkType.isInstance(event)) {
                    events.add(bulkWithEnvelopes ? new Delivered<>(event, envelope) : event);
                }
            } catch (BadRecord e) {
                bad.deadLetter(record, e.getMessage());
            }
        }
        ((BulkHandler<Object>) bulk).handle(events);
    }

    /** Where a batch's unreadable records go. */
    interface BadRecords {
        void deadLetter(ConsumerRecord<String, byte[]> record, String reason) throws Exception;
    }

    /**
     * Whether this feed leaves a record of a type it handles unread, on what its headers say: for a feed that wants a
     * few records of a busy type. The default reads every one.
     */
    protected boolean passesOver(ConsumerRecord<String, byte[]> record) {
        return false;
    }

    /** Whether the record is left unread, on its headers alone (a feed of raw records or batches reads every one). */
    boolean leavesUnread(ConsumerRecord<String, byte[]> record) {
        return recordHandler == null && batchHandler == null && (notMine(record) || passesOver(record));
    }

    /**
     * A record whose type header names a known type this feed has no handler for is passed over unread: several feeds
     * share a topic, and reading every record in full only to drop it was half of goal-service's CPU under load.
     * Without the header (an older record) or with a type not known here, the record is read as before.
     */
    private boolean notMine(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CloudEventCodec.TYPE_HEADER);
        if (header == null) {
            return false;
        }
        return EventTypes.byName(new String(header.value(), StandardCharsets.UTF_8))
                .map(type -> !handlers.containsKey(type.javaType()) && (bulkType == null || !bulkType.isAssignableFrom(type.javaType())))
                .orElse(false);
    }

    private static CloudEventCodec.Envelope decode(ConsumerRecord<String, byte[]> record, CloudEventCodec codec) {
        if (record.value() == null || record.value().length == 0) {
            throw new BadRecord("body: empty record, expected a CloudEvent");
        }
        try {
            return codec.decode(record.value());
        } catch (IllegalArgumentException e) {
            throw new BadRecord(e.getMessage());
        }
    }

    private static DomainEvent payload(CloudEventCodec.Envelope envelope, CloudEventCodec codec) {
        try {
            return codec.payload(envelope).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new BadRecord(e.getMessage());
        }
    }
}
