package com.acme.goals.crmlink.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.platform.feed.ConsumerPositions;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.team.activity.ActivityLedger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Until 2026-12-05 this service's ledger was fed from {@code crm.events} by a feed of its own ({@code
 * crm-link-service.activity}); the pipeline keeps those records as it publishes now. What that feed had not read when
 * the service last stopped on the old version (a stop under load leaves some) is read once, on the first start after
 * the change: from the feed's stored positions to the topic's end as it stood then (everything after was kept by the
 * pipeline). Then the old positions are dropped. A crash or a failure half-way reads the same again: the ledger reads
 * each activity id once. Nothing stored (a new install, or once done): nothing to do.
 */
@Component
public class RetiredLedgerFeed {

    private static final Logger log = LoggerFactory.getLogger(RetiredLedgerFeed.class);
    private final ConsumerPositions positions;
    private final ActivityLedger ledger;
    private final CloudEventCodec codec;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String group;

    @Autowired
    @SuppressWarnings("unchecked")
    public RetiredLedgerFeed(ConsumerPositions positions, ActivityLedger ledger, CloudEventCodec codec,
                             ConsumerFactory<Object, Object> consumerFactory, @Value("${spring.application.name}") String service) {
        // assigned, never subscribed: it joins no group and commits nothing
        this(positions, ledger, codec, () -> (Consumer<String, byte[]>) (Consumer<?, ?>) consumerFactory.createConsumer(
                service + ".activity-catch-up", "-catch-up"), service + ".activity");
    }

    RetiredLedgerFeed(ConsumerPositions positions, ActivityLedger ledger, CloudEventCodec codec,
                      Supplier<Consumer<String, byte[]>> consumers, String group) {
        this.positions = positions;
        this.ledger = ledger;
        this.codec = codec;
        this.consumers = consumers;
        this.group = group;
    }

    /**
     * At start and every minute: a failure (the broker or the store away) is tried again, and during a rolling update
     * an instance of the old version still running writes the old feed's positions again, which are read from here.
     */
    @Scheduled(initialDelayString = "PT0S", fixedDelayString = "PT1M")
    public void catchUp() {
        try {
            // asked of the store alone: one look-up a minute, and a new install never asks the broker about a topic it
            // may not have created yet
            Map<TopicPartition, Long> stood = positions.stored(group);
            if (!stood.isEmpty()) {
                read(stood);
            }
        } catch (Exception e) {
            log.warn("the retired feed {} could not catch up yet ({}); trying again in a minute", group, e.toString());
        }
    }

    private void read(Map<TopicPartition, Long> stood) {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CRM_EVENTS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> from = new HashMap<>(consumer.beginningOffsets(partitions));
            stood.forEach((partition, next) -> {
                if (from.containsKey(partition)) { // a partition it had no position on, it had not read at all
                    from.put(partition, next);
                }
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            from.forEach(consumer::seek);
            long kept = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                List<ActivityRecorded> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        activity(record).ifPresent(batch::add);
                    }
                }
                ledger.record(batch);
                kept += batch.size();
            }
            positions.forget(group);
            log.info("the retired feed {} caught up: {} activities read from {} to {} and kept where they have a customer;"
                    + " its positions are dropped", group, kept, from, end);
        }
    }

    private java.util.Optional<ActivityRecorded> activity(ConsumerRecord<String, byte[]> record) {
        try {
            return codec.payload(codec.decode(record.value())).filter(ActivityRecorded.class::isInstance)
                    .map(ActivityRecorded.class::cast);
        } catch (RuntimeException e) { // the retired feed dead-lettered these; crm-link wrote them, so there are none
            log.warn("{}/{}@{} is not readable, not kept: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return java.util.Optional.empty();
        }
    }
}
