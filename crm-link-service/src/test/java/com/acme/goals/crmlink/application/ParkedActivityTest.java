package com.acme.goals.crmlink.application;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What waits for owners not in the org chart, as an admin reads it and as the alert's gauge counts it. */
class ParkedActivityTest {

    private MongoServer server;
    private MongoClient client;
    private ParkedActivity parked;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        parked = new ParkedActivity(client.getDatabase("parked-test"), meters);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void owners_are_summed_up_the_longest_waiting_first_and_leave_the_list_once_released() {
        Instant start = Instant.now().minusSeconds(3600);
        parked.park("k1", "E-later", new byte[]{1}, start.plusSeconds(60));
        parked.park("k2", "E-first", new byte[]{2}, start.plusMillis(500)); // same second as k3, earlier within it
        parked.park("k3", "E-first", new byte[]{3}, start.plusSeconds(1200));
        parked.park("k4", "E-first", new byte[]{4}, start.plusSeconds(1));

        assertThat(parked.waiting()).containsExactly(
                new ParkedActivity.Waiting("E-first", 3, start.plusMillis(500), start.plusSeconds(1200)),
                new ParkedActivity.Waiting("E-later", 1, start.plusSeconds(60), start.plusSeconds(60)));
        assertThat(meters.get("goals.feed.parked").tag("group", ParkedActivity.GAUGE_GROUP).gauge().value()).isEqualTo(4);

        parked.forOwner("E-first").forEach(p -> parked.release(p.key()));
        assertThat(parked.waiting()).extracting(ParkedActivity.Waiting::ownerId).containsExactly("E-later");
        assertThat(meters.get("goals.feed.parked").tag("group", ParkedActivity.GAUGE_GROUP).gauge().value()).isEqualTo(1);
    }
}
