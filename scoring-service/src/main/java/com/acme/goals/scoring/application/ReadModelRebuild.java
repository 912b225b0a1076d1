package com.acme.goals.scoring.application;

import com.acme.goals.platform.feed.ConsumerPositions;
import com.acme.goals.platform.messaging.ProjectionLag;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds every read model of scoring-service from the beginning of its topics: stops the Kafka listeners, empties
 * the collections (indexes kept), moves each consumer group back to the earliest offsets, replays the Axon score views
 * from this service's event store, and starts the listeners again. Safe because every projection is idempotent and
 * order-tolerant; progress shows as lag.
 */
public class ReadModelRebuild {

    /** A rebuild: RUNNING while listeners are stopped and models emptied, DONE once they replay, or FAILED. */
    public record Status(String state, Instant startedAt, Instant finishedAt, String requestedBy, Map<String, Long> emptied,
                         List<String> groups, List<String> processors, String error) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private final KafkaListenerEndpointRegistry registry;
    private final ProjectionLag lag;
    private final MongoDatabase database;
    private final EventProcessingConfiguration processing;
    private final List<String> collections;
    private final List<String> processors;
    private final ConsumerPositions positions;
    private final Runnable afterEmptying;

    public ReadModelRebuild(KafkaListenerEndpointRegistry registry, ProjectionLag lag, MongoDatabase database,
                            EventProcessingConfiguration processing, List<String> collections, List<String> processors,
                            ConsumerPositions positions) {
        this(registry, lag, database, processing, collections, processors, positions, () -> { });
    }

    /** {@code afterEmptying} runs once the collections are empty and before the listeners start: writers that remember
     *  what they wrote forget it there. */
    public ReadModelRebuild(KafkaListenerEndpointRegistry registry, ProjectionLag lag, MongoDatabase database,
                            EventProcessingConfiguration processing, List<String> collections, List<String> processors,
                            ConsumerPositions positions, Runnable afterEmptying) {
        this.afterEmptying = afterEmptying;
        this.registry = registry;
        this.lag = lag;
        this.database = database;
        this.processing = processing;
        this.collections = collections;
        this.processors = processors;
        this.positions = positions;
    }

    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Status last;

    /** The last rebuild, if any. */
    public java.util.Optional<Status> status() {
        return java.util.Optional.ofNullable(last);
    }

    /**
     * Starts a rebuild in the background and answers at once: emptying a large store can take longer than any HTTP
     * timeout. A second request while one runs is refused.
     */
    public synchronized Status start(String requestedBy) {
        if (last != null && last.state().equals("RUNNING")) {
            throw new com.acme.goals.platform.errors.Conflict("a rebuild started at " + last.startedAt() + " is still running");
        }
        Instant began = Instant.now();
        last = new Status("RUNNING", began, null, requestedBy, Map.of(), List.of(), processors, null);
        worker.submit(() -> {
            try {
                last = rebuild(began, requestedBy);
            } catch (Exception e) {
                log.error("read-model rebuild failed", e);
                last = new Status("FAILED", began, Instant.now(), requestedBy, Map.of(), List.of(), processors, String.valueOf(e));
            }
        });
        return last;
    }

    /**
     * Moves every group back to the beginning first (Kafka's offsets and the positions in this service's database), and
     * only then empties the read models: a rebuild that fails on the way leaves the models as they were, or refilling
     * from the beginning, never empty with nothing to refill them.
     */
    private Status rebuild(Instant began, String requestedBy) throws Exception {
        Map<String, List<String>> groups = lag.groups();
        log.warn("rebuilding read models {} from the beginning of the topics of {}", collections, groups.keySet());
        List<MessageListenerContainer> containers = new ArrayList<>(registry.getListenerContainers());
        containers.forEach(MessageListenerContainer::stop);
        Map<String, Long> emptied = new java.util.LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                toEarliest(group.getKey(), group.getValue());
                positions.forget(group.getKey());
            }
            for (String collection : collections) {
                emptied.put(collection, database.getCollection(collection).deleteMany(new Document()).getDeletedCount());
            }
            afterEmptying.run();
            for (String name : processors) {
                processing.eventProcessor(name, TrackingEventProcessor.class).ifPresent(processor -> {
                    processor.shutDown();
                    processor.resetTokens(); // its @ResetHandler empties its collections
                    processor.start();
                });
            }
        } finally {
            containers.forEach(MessageListenerContainer::start);
        }
        log.warn("read models emptied {}; groups {} replay from the beginning", emptied, groups.keySet());
        return new Status("DONE", began, Instant.now(), requestedBy, emptied, List.copyOf(groups.keySet()), processors, null);
    }

    /** The group has just been left by its stopped consumers; the broker may take a moment to see it empty. */
    private void toEarliest(String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        lag.admin().describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest())));
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        lag.admin().listOffsets(earliest).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
        Exception last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                lag.admin().alterConsumerGroupOffsets(group, offsets).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("could not move " + group + " back to the beginning", last);
    }
}
