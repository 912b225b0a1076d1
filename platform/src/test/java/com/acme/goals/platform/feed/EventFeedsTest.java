package com.acme.goals.platform.feed;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One way to consume: what a feed does with a record that is bad, one that waits for something, and a failure that is
 * nobody's fault but the infrastructure's. The broker is a {@link MockProducer}, the store a MongoDB-wire server.
 */
class EventFeedsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;
    private final MockProducer<String, byte[]> kafka = new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
    private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper().registerModule(new JavaTimeModule()));
    private EventFeeds feeds;
    private ParkedRecords parked;
    private ConsumerPositions positions;

    /** Registers people, but only under a supervisor it already knows; fails like a store that is down when told to. */
    static class PeopleFeed extends EventFeed {
        final Set<String> known = ConcurrentHashMap.newKeySet();
        final List<String> registered = new CopyOnWriteArrayList<>();
        volatile RuntimeException storeDown;

        PeopleFeed() {
            super("people", Topics.ORG_EVENTS);
            on(EmployeeRegistered.class, (e, envelope) -> {
                if (storeDown != null) {
                    throw storeDown;
                }
                if ("E-refused".equals(e.employeeId())) {
                    throw new DomainRuleBroken("role", "role NOBODY is not a role of this company");
                }
                if (e.supervisorId() != null && !known.contains(e.supervisorId())) {
                    throw new NotKnownYet("employee:" + e.supervisorId(), "supervisor " + e.supervisorId() + " is not known yet");
                }
                known.add(e.employeeId());
                registered.add(e.employeeId());
                feeds().release("employee:" + e.employeeId());
            });
        }
    }

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        db = client.getDatabase("feed-test");
        parked = new ParkedRecords(db, CLOCK);
        positions = new ConsumerPositions(db, CLOCK);
        feeds = new EventFeeds("svc", codec, new DeadLetters(kafka, new SimpleMeterRegistry(), CLOCK), parked, positions,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private PeopleFeed feed() {
        PeopleFeed feed = new PeopleFeed();
        feed.attach(feeds);
        return feed;
    }

    private ConsumerRecord<String, byte[]> hired(long offset, String employee, String supervisor) {
        EmployeeRegistered event = new EmployeeRegistered(employee, "n", "SALES_REP", supervisor, "Asia/Shanghai", "a",
                Instant.parse("2026-11-01T00:00:00Z"), LocalDate.of(2026, 11, 1));
        return new ConsumerRecord<>(Topics.ORG_EVENTS, 0, offset, employee, codec.encode(event, "id-" + offset, employee,
                Instant.parse("2026-11-01T00:00:00Z"), 0L));
    }

    private ConsumerRecord<String, byte[]> raw(long offset, String text) {
        return new ConsumerRecord<>(Topics.ORG_EVENTS, 0, offset, "k-" + offset, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ProducerRecord<String, byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void a_record_bad_in_itself_goes_to_the_dead_letter_topic_with_its_reason_and_bytes_and_the_feed_moves_on() throws Exception {
        PeopleFeed feed = feed();
        feed.consume(List.of(raw(0, "not a cloud event"), hired(1, "E-refused", null), hired(2, "E-1", null)));

        assertThat(kafka.history()).hasSize(2);
        ProducerRecord<String, byte[]> notJson = kafka.history().get(0);
        assertThat(notJson.topic()).isEqualTo("org.events.dlq");
        assertThat(new String(notJson.value(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
        assertThat(header(notJson, "dlq-reason")).startsWith("not a CloudEvents 1.0 JSON event");
        assertThat(header(notJson, "dlq-origin")).isEqualTo("org.events/0@0");
        assertThat(header(notJson, "dlq-group")).isEqualTo("svc.people");
        assertThat(header(kafka.history().get(1), "dlq-reason")).isEqualTo("role: role NOBODY is not a role of this company");
        assertThat(feed.registered).containsExactly("E-1");
        assertThat(positions.load("svc.people", List.of(new TopicPartition(Topics.ORG_EVENTS, 0))))
                .containsEntry(new TopicPartition(Topics.ORG_EVENTS, 0), 3L);
    }

    private ConsumerRecord<String, byte[]> typed(ConsumerRecord<String, byte[]> record, String type) {
        record.headers().add(CloudEventCodec.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Test
    void a_record_whose_type_header_names_a_type_the_feed_does_not_handle_is_passed_over_unread_and_the_rest_as_before() throws Exception {
        PeopleFeed feed = feed();
        String registered = com.acme.goals.contracts.EventTypes.byClass(EmployeeRegistered.class).orElseThrow().name();
        String other = com.acme.goals.contracts.EventTypes.byClass(com.acme.goals.contracts.org.EmployeeLeft.class).orElseThrow().name();
        feed.consume(List.of(
                typed(raw(0, "another feed's event, not read here"), other),
                typed(raw(1, "claims to be ours and is not readable"), registered),
                typed(raw(2, "a type nobody knows yet"), "com.example.unknown.v9"),
                typed(hired(3, "E-1", null), registered),
                hired(4, "E-2", null)));

        assertThat(feed.registered).containsExactly("E-1", "E-2");
        assertThat(kafka.history()).extracting(r -> header(r, "dlq-origin")).containsExactly("org.events/0@1", "org.events/0@2");
        assertThat(positions.load("svc.people", List.of(new TopicPartition(Topics.ORG_EVENTS, 0))).values()).containsExactly(5L);
    }

    @Test
    void a_feed_that_wants_few_records_of_its_type_passes_over_those_its_headers_rule_out_unread() throws Exception {
        PeopleFeed feed = new PeopleFeed() {
            @Override
            protected boolean passesOver(ConsumerRecord<String, byte[]> record) {
                return CloudEventCodec.completesNoAction(record.headers());
            }
        };
        feed.attach(feeds);
        ConsumerRecord<String, byte[]> ruledOut = raw(0, "not read: its header says it completes nothing");
        ruledOut.headers().add(CloudEventCodec.ACTION_HEADER, new byte[0]);
        ConsumerRecord<String, byte[]> named = hired(1, "E-1", null);
        named.headers().add(CloudEventCodec.ACTION_HEADER, "A-7".getBytes(StandardCharsets.UTF_8));

        feed.consume(List.of(ruledOut, named, hired(2, "E-2", null)));

        assertThat(feed.registered).as("a header naming an action, and no header at all, are read").containsExactly("E-1", "E-2");
        assertThat(kafka.history()).as("nothing dead-lettered").isEmpty();
        assertThat(positions.load("svc.people", List.of(new TopicPartition(Topics.ORG_EVENTS, 0))).values()).containsExactly(3L);
    }

    @Test
    void a_record_waiting_for_someone_is_parked_not_dead_lettered_and_handled_once_they_are_known() throws Exception {
        PeopleFeed feed = feed();
        feed.consume(List.of(hired(0, "E-2", "E-1"), hired(1, "E-3", "E-2")));
        assertThat(kafka.history()).isEmpty();
        assertThat(parked.count("svc.people")).isEqualTo(2);
        assertThat(positions.load("svc.people", List.of(new TopicPartition(Topics.ORG_EVENTS, 0))).values()).containsExactly(2L);

        feed.consume(List.of(hired(2, "E-1", null))); // the supervisor arrives: both wait no more, in the order they need
        assertThat(feed.registered).containsExactly("E-1", "E-2", "E-3");
        assertThat(parked.count("svc.people")).isZero();
        assertThat(kafka.history()).isEmpty();
    }

    @Test
    void a_failure_of_the_store_fails_the_batch_so_it_is_retried_and_nothing_is_dead_lettered_parked_or_passed() throws Exception {
        PeopleFeed feed = feed();
        feed.storeDown = new IllegalStateException("Timed out after 30000 ms while waiting for a server");
        assertThatThrownBy(() -> feed.consume(List.of(hired(0, "E-1", null), hired(1, "E-2", null))))
                .hasMessageContaining("Timed out");
        assertThat(kafka.history()).isEmpty();
        assertThat(parked.count("svc.people")).isZero();
        assertThat(positions.load("svc.people", List.of(new TopicPartition(Topics.ORG_EVENTS, 0)))).isEmpty();

        feed.storeDown = null; // the container hands the same batch again after its back-off
        feed.consume(List.of(hired(0, "E-1", null), hired(1, "E-2", null)));
        assertThat(feed.registered).containsExactly("E-1", "E-2");
    }

    @Test
    void a_parked_record_whose_retry_meets_a_store_failure_stays_parked() throws Exception {
        PeopleFeed feed = feed();
        feed.consume(List.of(hired(0, "E-2", "E-1")));
        feed.known.add("E-1");
        feed.storeDown = new IllegalStateException("store down");
        feeds.redriveAll();
        assertThat(parked.count("svc.people")).isEqualTo(1);
        feed.storeDown = null;
        feeds.redriveAll();
        assertThat(parked.count("svc.people")).isZero();
        assertThat(feed.registered).containsExactly("E-2");
    }

    /**
     * A batch the feed passes over unread changes nothing, so its position waits for the next batch that changes
     * something, or a second; whatever a crash loses of it is only passed over again. A rebuild's forget drops it too.
     */
    @Test
    void a_batch_passed_over_unread_holds_its_position_until_one_that_changes_something_or_a_second_later() throws Exception {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        ConsumerPositions holding = new ConsumerPositions(db, CLOCK, java.time.Duration.ofSeconds(1), now::get);
        PeopleFeed feed = new PeopleFeed();
        feed.attach(new EventFeeds("svc", codec, new DeadLetters(kafka, new SimpleMeterRegistry(), CLOCK), parked, holding,
                new SimpleMeterRegistry()));
        String other = com.acme.goals.contracts.EventTypes.byClass(com.acme.goals.contracts.org.EmployeeLeft.class).orElseThrow().name();
        TopicPartition p0 = new TopicPartition(Topics.ORG_EVENTS, 0);
        TopicPartition p1 = new TopicPartition(Topics.ORG_EVENTS, 1);

        feed.consume(List.of(hired(0, "E-1", null)));
        feed.consume(List.of(typed(raw(1, "another feed's event"), other)));
        now.addAndGet(999_000_000L);
        feed.consume(List.of(typed(raw(2, "another feed's event"), other)));
        assertThat(holding.load("svc.people", List.of(p0))).as("held: they changed nothing").containsEntry(p0, 1L);

        feed.consume(List.of(typed(raw(3, "another feed's event"), other), hired(4, "E-2", null)));
        assertThat(holding.load("svc.people", List.of(p0))).as("a batch that changes something writes").containsEntry(p0, 5L);

        feed.consume(List.of(typed(raw(5, "another feed's event"), other)));
        now.addAndGet(1_000_000_000L);
        feed.consume(List.of(typed(raw(6, "another feed's event"), other)));
        assertThat(holding.load("svc.people", List.of(p0))).as("a second after the last write").containsEntry(p0, 7L);

        feed.consume(List.of(typed(new ConsumerRecord<>(Topics.ORG_EVENTS, 1, 40, "k", new byte[]{'x'}), other)));
        holding.forget("svc.people");
        feed.consume(List.of(hired(0, "E-1", null)));
        assertThat(holding.load("svc.people", List.of(p0, p1))).as("forgotten: what was held is not written after")
                .isEqualTo(Map.of(p0, 1L));
        assertThat(feed.registered).containsExactly("E-1", "E-2", "E-1");
    }

    @Test
    void a_position_never_moves_back_and_is_kept_per_group_and_partition() {
        TopicPartition p0 = new TopicPartition(Topics.ORG_EVENTS, 0);
        TopicPartition p1 = new TopicPartition(Topics.ORG_EVENTS, 1);
        positions.save("g", Map.of(p0, 10L, p1, 3L));
        positions.save("g", Map.of(p0, 7L));
        positions.save("other", Map.of(p0, 99L));
        assertThat(positions.load("g", List.of(p0, p1))).isEqualTo(Map.of(p0, 10L, p1, 3L));
        positions.forget("g");
        assertThat(positions.load("g", List.of(p0, p1))).isEmpty();
        assertThat(positions.load("other", List.of(p0))).containsEntry(p0, 99L);
        assertThat(parked.of("g")).isEmpty();
    }

    @Test
    void a_retired_feeds_positions_pass_to_the_feed_that_took_over_at_the_lower_of_the_two_and_are_dropped() {
        TopicPartition p0 = new TopicPartition(Topics.CRM_EVENTS, 0);
        TopicPartition p1 = new TopicPartition(Topics.CRM_EVENTS, 1);
        TopicPartition p2 = new TopicPartition(Topics.CRM_EVENTS, 2);
        positions.save("svc.old", Map.of(p0, 40L, p1, 90L, p2, 5L));
        positions.save("svc.heir", Map.of(p0, 70L, p1, 60L));
        positions.retire("svc.old", "svc.heir");
        // behind on p0: back to 40; ahead on p1: stays 60; never stood on p2: reads it from the beginning
        assertThat(positions.load("svc.heir", List.of(p0, p1, p2))).isEqualTo(Map.of(p0, 40L, p1, 60L));
        assertThat(positions.load("svc.old", List.of(p0, p1, p2))).isEmpty();
        positions.retire("svc.old", "svc.heir"); // again, as after a crash half-way: nothing changes
        assertThat(positions.load("svc.heir", List.of(p0, p1, p2))).isEqualTo(Map.of(p0, 40L, p1, 60L));
    }
}
