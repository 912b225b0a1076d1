package com.acme.goals.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas of a service, the second started after the first had claimed both segments: each ends with one. */
class SegmentSharesTest {

    /** The same projection as in the segment count test. */
    private static final class Views extends SegmentTargetsTest.Views {
    }

    private MongoServer server;
    private MongoClient client;
    private final EventStorageEngine events = new InMemoryEventStorageEngine();
    private final List<Configuration> replicas = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
    }

    @AfterEach
    void stop() {
        replicas.forEach(Configuration::shutdown);
        client.close();
        server.shutdownNow();
    }

    private TokenStore tokens(String replica) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "shares-test").build())
                .serializer(JacksonSerializer.builder().objectMapper(new ObjectMapper()).build())
                .nodeId(replica).claimTimeout(Duration.ofSeconds(5)).build();
    }

    private TrackingEventProcessor replica(String name, TokenStore tokens, Views views) {
        return ProcessorReplica.start(events, tokens, views, replicas);
    }

    @Test
    void a_replica_started_later_gets_its_share_of_the_segments_and_every_event_is_still_handled() {
        TokenStore tokensA = tokens("a");
        TokenStore tokensB = tokens("b");
        Views viewsA = new Views();
        Views viewsB = new Views();
        TrackingEventProcessor a = replica("a", tokensA, viewsA);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.processingStatus().size() == 2);
        TrackingEventProcessor b = replica("b", tokensB, viewsB);
        SegmentShares sharesA = new SegmentShares(client.getDatabase("shares-test"), tokensA, Clock.systemUTC(), "a", Duration.ofSeconds(5));
        SegmentShares sharesB = new SegmentShares(client.getDatabase("shares-test"), tokensB, Clock.systemUTC(), "b", Duration.ofSeconds(5));
        sharesB.share(List.of(b));
        assertThat(b.processingStatus()).as("Axon alone: the first replica keeps both").isEmpty();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            sharesA.share(List.of(a));
            sharesB.share(List.of(b));
            return a.processingStatus().size() == 1 && b.processingStatus().size() == 1;
        });

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add("event " + i);
        }
        replicas.get(0).eventBus().publish(sent.stream().map(GenericEventMessage::asEventMessage).toList());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> all = ConcurrentHashMap.newKeySet();
            all.addAll(viewsA.seen);
            all.addAll(viewsB.seen);
            assertThat(all).containsAll(sent);
        });
        assertThat(viewsA.seen).as("each replica handled its half").isNotEmpty();
        assertThat(viewsB.seen).isNotEmpty();
        assertThat(viewsA.seen).doesNotContainAnyElementsOf(viewsB.seen);
    }
}
