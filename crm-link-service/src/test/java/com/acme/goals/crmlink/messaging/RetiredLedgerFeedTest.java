package com.acme.goals.crmlink.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.MetricDelta;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.feed.ConsumerPositions;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.team.activity.ActivityLedger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class RetiredLedgerFeedTest {

    private static final String GROUP = "crm-link-service.activity";
    private static final TopicPartition P0 = new TopicPartition(Topics.CRM_EVENTS, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.CRM_EVENTS, 1);
    // the activity's day is data the ledger files it under, not compared with today
    private final LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper().registerModule(new JavaTimeModule()));
    private MongoServer server;
    private MongoClient client;
    private ConsumerPositions positions;
    private ActivityLedger ledger;
    private final AtomicInteger consumersMade = new AtomicInteger();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        MongoDatabase db = client.getDatabase("crm-link");
        positions = new ConsumerPositions(db, Clock.systemUTC());
        ledger = new ActivityLedger(db, ActivityLedger.Keeps.CUSTOMER_RECORDS);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void what_the_retired_feed_had_not_read_up_to_the_topics_end_is_kept_once_and_its_positions_are_dropped() {
        positions.save(GROUP, Map.of(P0, 2L)); // it had read p0 up to offset 2, and nothing of p1
        RetiredLedgerFeed feed = new RetiredLedgerFeed(positions, ledger, codec, topic(Map.of(P0, 4L, P1, 2L), List.of(
                record(P0, 0, "a0", "C-1"), record(P0, 1, "a1", "C-1"), record(P0, 2, "a2", "C-1"), record(P0, 3, "a3", "C-2"),
                record(P0, 4, "a4", "C-1"), // past the end as it stood at start: the pipeline kept it
                record(P1, 0, "b0", "C-3"), record(P1, 1, "b1", null))), GROUP);

        feed.catchUp();

        assertThat(ledger.entries("E-042", day, day)).extracting(ActivityLedger.Entry::activityId)
                .containsExactlyInAnyOrder("a2", "a3", "b0");
        assertThat(positions.stored(GROUP)).isEmpty();
        feed.catchUp(); // nothing left: the broker is not asked again
        assertThat(consumersMade).hasValue(1);
    }

    @Test
    void a_new_install_with_no_positions_of_the_retired_feed_never_asks_the_broker() {
        RetiredLedgerFeed feed = new RetiredLedgerFeed(positions, ledger, codec, () -> {
            consumersMade.incrementAndGet();
            throw new AssertionError("the broker was asked");
        }, GROUP);

        feed.catchUp();
        feed.catchUp();

        assertThat(consumersMade).hasValue(0);
    }

    @Test
    void a_broker_away_leaves_the_positions_for_the_next_try() {
        positions.save(GROUP, Map.of(P0, 0L));
        Supplier<Consumer<String, byte[]>> working = topic(Map.of(P0, 1L, P1, 0L), List.of(record(P0, 0, "a0", "C-1")));
        AtomicInteger tries = new AtomicInteger();
        RetiredLedgerFeed feed = new RetiredLedgerFeed(positions, ledger, codec, () -> {
            if (tries.incrementAndGet() == 1) {
                throw new org.apache.kafka.common.errors.TimeoutException("no broker");
            }
            return working.get();
        }, GROUP);

        feed.catchUp();
        assertThat(positions.stored(GROUP)).containsEntry(P0, 0L);
        assertThat(ledger.entries("E-042", day, day)).isEmpty();

        feed.catchUp();
        assertThat(ledger.entries("E-042", day, day)).extracting(ActivityLedger.Entry::activityId).containsExactly("a0");
        assertThat(positions.stored(GROUP)).isEmpty();
    }

    /** A two-partition crm.events with these end offsets, whose records arrive once the reader has assigned itself. */
    private Supplier<Consumer<String, byte[]>> topic(Map<TopicPartition, Long> end, List<ConsumerRecord<String, byte[]>> records) {
        return () -> {
            consumersMade.incrementAndGet();
            MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
            consumer.updatePartitions(Topics.CRM_EVENTS, List.of(new PartitionInfo(Topics.CRM_EVENTS, 0, null, null, null),
                    new PartitionInfo(Topics.CRM_EVENTS, 1, null, null, null)));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            consumer.updateEndOffsets(end);
            consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
            return consumer;
        };
    }

    private ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, String id, String customerId) {
        ActivityRecorded activity = new ActivityRecorded(id, "urn:crm", "in-" + id, "crm.payment.received", "E-042", customerId,
                "payment/" + id, day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), "Asia/Shanghai", day,
                Period.weekOf(day).key(), java.time.YearMonth.from(day).toString(),
                List.of(new MetricDelta("payment_collection", new BigDecimal("100.00"), "CNY")), null, "paymentId", id, null);
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "E-042",
                codec.encode(activity, id, "E-042", activity.occurredAt(), null));
    }
}
