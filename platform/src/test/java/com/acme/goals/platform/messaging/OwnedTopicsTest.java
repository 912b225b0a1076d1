package com.acme.goals.platform.messaging;

import com.acme.goals.localstack.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnedTopicsTest {

    @TempDir
    static Path logs;
    static KafkaBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(freePort(), freePort(), logs.resolve("kafka"));
        KafkaBroker.awaitReady(broker.bootstrapServers());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void a_topic_auto_created_by_another_services_reader_before_its_owner_started_is_set_to_keep_its_records_for_good() throws Exception {
        // what happened on a CI run: a reader in another service subscribed first, the broker made the topic with its
        // seven days, and the owner's KafkaAdmin, finding it made meanwhile, left it so
        try (var reader = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "another-service", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            reader.partitionsFor("scores.events", Duration.ofSeconds(30));
        }
        admin.createTopics(List.of(new NewTopic("scores.events.dlq", 1, (short) 1).configs(OwnedTopics.KEEP_FOREVER))).all().get();
        assertThat(retention("scores.events")).as("the broker's default").isEqualTo("604800000");

        OwnedTopics owned = OwnedTopics.of("scores.events");
        assertThat(owned.keepForever(admin, Duration.ofSeconds(30))).containsExactly("scores.events");
        assertThat(retention("scores.events")).isEqualTo("-1");
        assertThat(retention("scores.events.dlq")).isEqualTo("-1");
        assertThat(owned.keepForever(admin, Duration.ofSeconds(30))).as("nothing left to mend").isEmpty();
    }

    @Test
    void each_owned_topic_and_its_dead_letter_topic_are_declared_with_the_services_one_topic_layout() {
        List<NewTopic> declared = OwnedTopics.of("crm.events", "goal.events").newTopics(new TopicLayout(6, (short) 2));

        assertThat(declared).extracting(NewTopic::name).containsExactly("crm.events", "crm.events.dlq", "goal.events", "goal.events.dlq");
        assertThat(declared).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) 2);
            assertThat(topic.configs()).containsEntry("retention.ms", "-1");
        });
    }

    @Test
    void a_layout_without_partitions_or_replicas_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> new TopicLayout(0, (short) 1)).hasMessageContaining("goals.topics.partitions");
        assertThatThrownBy(() -> new TopicLayout(3, (short) 0)).hasMessageContaining("goals.topics.replicas");
    }

    private static String retention(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
