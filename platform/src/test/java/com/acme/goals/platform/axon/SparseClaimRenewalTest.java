package com.acme.goals.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SparseClaimRenewalTest {

    private final List<Configuration> replicas = new ArrayList<>();
    private MongoServer server;
    private MongoClient client;

    @AfterEach
    void stop() {
        replicas.forEach(Configuration::shutdown);
        if (client != null) {
            client.close();
            server.shutdownNow();
        }
    }

    /** Counts the renewals that reach the store underneath. */
    private static final class CountingStore extends InMemoryTokenStore {
        final AtomicInteger extended = new AtomicInteger();

        @Override
        public void extendClaim(String processorName, int segment) {
            extended.incrementAndGet();
            super.extendClaim(processorName, segment);
        }
    }

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_claim_written_within_the_interval_is_not_written_again_and_one_older_is() {
        CountingStore store = new CountingStore();
        StepClock clock = new StepClock();
        TokenStore sparse = new SparseClaimRenewal(store, Duration.ofSeconds(4), clock);
        sparse.initializeTokenSegments("views", 1);
        TrackingToken token = sparse.fetchToken("views", 0);

        for (int second = 1; second <= 3; second++) { // the processor's idle loop asks every second
            clock.now = clock.now.plusSeconds(1);
            sparse.extendClaim("views", 0);
        }
        assertThat(store.extended).as("fetched 3 s ago: still fresh").hasValue(0);
        clock.now = clock.now.plusSeconds(1);
        sparse.extendClaim("views", 0);
        assertThat(store.extended).as("4 s after the fetch").hasValue(1);

        clock.now = clock.now.plusSeconds(3);
        sparse.storeToken(token, "views", 0); // storing a token renews the claim as well
        clock.now = clock.now.plusSeconds(3);
        sparse.extendClaim("views", 0);
        assertThat(store.extended).as("3 s after a store").hasValue(1);

        sparse.releaseClaim("views", 0);
        sparse.extendClaim("views", 0); // never skipped after a release: the store says whether the claim is still ours
        assertThat(store.extended).hasValue(2);
    }

    /**
     * Two replicas on a Mongo token store whose claims time out after 4 s, renewed at most every 1.5 s: the first
     * replica, idle for three timeouts, keeps both segments (the second never finds one abandoned), and still handles
     * what comes after the wait at once.
     */
    @Test
    void an_idle_replica_keeps_its_claims_past_the_claim_timeout() throws InterruptedException {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        EventStorageEngine events = new InMemoryEventStorageEngine();
        SegmentTargetsTest.Views viewsA = new SegmentTargetsTest.Views();
        TrackingEventProcessor a = replica(events, tokens("a"), viewsA);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.processingStatus().size() == 2);
        TrackingEventProcessor b = replica(events, tokens("b"), new SegmentTargetsTest.Views());

        Instant until = Instant.now().plusSeconds(12);
        while (Instant.now().isBefore(until)) {
            assertThat(b.processingStatus()).as("the second replica found a live claim abandoned").isEmpty();
            Thread.sleep(200);
        }
        assertThat(a.processingStatus()).hasSize(2);
        replicas.get(0).eventBus().publish(GenericEventMessage.asEventMessage("after the wait"));
        await().atMost(Duration.ofSeconds(5)).until(() -> viewsA.seen.contains("after the wait"));
    }

    private TokenStore tokens(String replica) {
        MongoTokenStore store = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "renewal-test").build())
                .serializer(JacksonSerializer.builder().objectMapper(new ObjectMapper()).build())
                .nodeId(replica).claimTimeout(Duration.ofSeconds(4)).build();
        return new SparseClaimRenewal(store, Duration.ofMillis(1500), Clock.systemUTC());
    }

    private TrackingEventProcessor replica(EventStorageEngine events, TokenStore tokens, SegmentTargetsTest.Views views) {
        return ProcessorReplica.start(events, tokens, views, replicas);
    }
}
