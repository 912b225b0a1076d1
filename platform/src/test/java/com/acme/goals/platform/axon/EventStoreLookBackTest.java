package com.acme.goals.platform.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two goal-service replicas append to one event store. Replica A applies an event, then takes three seconds to commit
 * it (a slow store, a pause); meanwhile replica B commits a newer event and the relay reads it. Whether the relay still
 * reads A's event depends on the store's look-back.
 */
class EventStoreLookBackTest {

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate template;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        template = DefaultMongoTemplate.builder().mongoDatabase(client, "look-back").build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private List<String> relayedAfterALateCommit(Duration lookBack) {
        JacksonSerializer json = JacksonSerializer.defaultSerializer();
        MongoEventStorageEngine replicaA = AxonMongoConfiguration.storageEngine(template, json, json, lookBack);
        MongoEventStorageEngine replicaB = AxonMongoConfiguration.storageEngine(template, json, json, lookBack);
        Instant now = Instant.now();
        Instant appliedByA = now.minusSeconds(3);
        replicaB.appendEvents(event("goal-b", "B's revision", now));
        TrackingToken relayed = replicaB.readEvents(null, false).reduce((first, second) -> second).orElseThrow().trackingToken();
        replicaA.appendEvents(event("goal-a", "A's revision, committed 3 s after it was applied", appliedByA));
        return replicaB.readEvents(relayed, false).map(e -> (String) e.getPayload()).toList();
    }

    private static GenericDomainEventMessage<String> event(String goalId, String payload, Instant timestamp) {
        return new GenericDomainEventMessage<>("Goal", goalId, 0, new GenericMessage<>(payload), timestamp);
    }

    @Test
    void with_axons_default_look_back_of_one_second_the_late_commit_is_never_relayed() {
        assertThat(relayedAfterALateCommit(Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void with_the_platforms_look_back_of_ten_seconds_it_is_relayed() {
        assertThat(relayedAfterALateCommit(Duration.ofSeconds(10))).containsExactly("A's revision, committed 3 s after it was applied");
    }
}
