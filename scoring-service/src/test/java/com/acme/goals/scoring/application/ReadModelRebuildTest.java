package com.acme.goals.scoring.application;

import com.acme.goals.scoring.application.ReadModelRebuild;
import com.acme.goals.platform.feed.ConsumerPositions;
import com.acme.goals.platform.messaging.ProjectionLag;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A rebuild that cannot move its consumer groups back must leave the read models as they were, not empty. */
class ReadModelRebuildTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        db = client.getDatabase("rebuild-test");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void a_rebuild_that_fails_to_reset_the_offsets_empties_nothing_and_says_it_failed() {
        db.getCollection("goal_targets").insertMany(List.of(new Document("_id", "G-1"), new Document("_id", "G-2")));
        ConsumerPositions positions = new ConsumerPositions(db, Clock.systemUTC());
        TopicPartition partition = new TopicPartition("goal.events", 0);
        positions.save("scoring-service.goals", Map.of(partition, 42L));
        Admin broker = Mockito.mock(Admin.class);
        Mockito.when(broker.describeTopics(Mockito.<Collection<String>>any())).thenThrow(new KafkaException("the broker is down"));
        ProjectionLag lag = Mockito.mock(ProjectionLag.class);
        Mockito.when(lag.groups()).thenReturn(Map.of("scoring-service.goals", List.of("goal.events")));
        Mockito.when(lag.admin()).thenReturn(broker);
        ReadModelRebuild rebuild = new ReadModelRebuild(Mockito.mock(KafkaListenerEndpointRegistry.class), lag, db,
                Mockito.mock(EventProcessingConfiguration.class), List.of("goal_targets"), List.of(), positions);

        rebuild.start("E-admin");

        await().atMost(Duration.ofSeconds(10)).until(() -> !rebuild.status().orElseThrow().state().equals("RUNNING"));
        assertThat(rebuild.status().orElseThrow().state()).isEqualTo("FAILED");
        assertThat(rebuild.status().orElseThrow().error()).contains("the broker is down");
        assertThat(db.getCollection("goal_targets").countDocuments()).as("the read model is still whole").isEqualTo(2);
        assertThat(positions.load("scoring-service.goals", List.of(partition))).containsEntry(partition, 42L);
    }
}
