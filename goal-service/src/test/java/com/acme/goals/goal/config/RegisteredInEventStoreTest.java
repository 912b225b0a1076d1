package com.acme.goals.goal.config;

import com.acme.goals.platform.axon.AxonMongoConfiguration;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericDomainEventMessage;
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

/** The batch look-up of who is registered reads the event store as Axon writes it. */
class RegisteredInEventStoreTest {

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate template;
    private MongoEventStorageEngine store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        template = DefaultMongoTemplate.builder().mongoDatabase(client, "registered").build();
        JacksonSerializer json = JacksonSerializer.defaultSerializer();
        store = AxonMongoConfiguration.storageEngine(template, json, json, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Employee", aggregate, sequence, new GenericMessage<>("e"), Instant.now());
    }

    @Test
    void those_with_stored_events_are_registered_in_one_look_and_the_others_are_not() {
        store.appendEvents(event("E-001", 0), event("E-001", 1), event("E-100", 0));
        store.appendEvents(event("E-042", 0), event("E-042", 1), event("E-042", 2)); // registered, moved, left

        assertThat(GoalConfiguration.registeredIn(template).among(List.of("E-001", "E-042", "E-100", "E-777")))
                .containsExactlyInAnyOrder("E-001", "E-042", "E-100");
        assertThat(GoalConfiguration.registeredIn(template).among(List.of("E-777"))).isEmpty();
    }
}
