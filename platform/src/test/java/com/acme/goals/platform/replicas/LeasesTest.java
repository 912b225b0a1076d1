package com.acme.goals.platform.replicas;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class LeasesTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        database = client.getDatabase("leases-test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private Leases replica(String name, Instant at) {
        return new Leases(database, Clock.fixed(at, ZoneOffset.UTC), name);
    }

    @Test
    void one_replica_holds_the_lease_and_renews_it_and_another_takes_it_only_once_it_expired() {
        Instant t0 = Instant.parse("2026-12-07T01:00:00Z");
        assertThat(replica("a", t0).hold("deadline-sweep", Duration.ofSeconds(60))).isTrue();
        assertThat(replica("b", t0.plusSeconds(30)).hold("deadline-sweep", Duration.ofSeconds(60))).isFalse();
        assertThat(replica("a", t0.plusSeconds(50)).hold("deadline-sweep", Duration.ofSeconds(60))).as("renewed to t0+110").isTrue();
        assertThat(replica("b", t0.plusSeconds(100)).hold("deadline-sweep", Duration.ofSeconds(60))).isFalse();
        assertThat(replica("b", t0.plusSeconds(111)).hold("deadline-sweep", Duration.ofSeconds(60))).as("a is gone").isTrue();
        assertThat(replica("a", t0.plusSeconds(112)).hold("deadline-sweep", Duration.ofSeconds(60))).isFalse();
        assertThat(replica("a", t0.plusSeconds(112)).hold("notice-mail", Duration.ofSeconds(60))).as("another lease").isTrue();
    }

    @Test
    void of_ten_replicas_asking_at_once_exactly_one_holds_it() throws Exception {
        Instant t0 = Instant.parse("2026-12-07T01:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Boolean>> asks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Leases replica = replica("r" + i, t0);
            asks.add(pool.submit((Callable<Boolean>) () -> replica.hold("parked-redrive", Duration.ofSeconds(30))));
        }
        int holders = 0;
        for (Future<Boolean> ask : asks) {
            holders += ask.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(holders).isEqualTo(1);
    }
}
