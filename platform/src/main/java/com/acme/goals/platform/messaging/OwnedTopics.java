package com.acme.goals.platform.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The topics a service owns (it publishes them, or it is their one door in), declared by the service itself and
 * created at its start by Spring's KafkaAdmin, each with its dead-letter topic. Every one keeps its records for good
 * ({@code retention.ms=-1}, {@code retention.bytes=-1}): the event topics are the history every read model is rebuilt
 * from and the inbound topics what a replay re-reads; a broker's default of seven days would let a rebuild silently
 * miss older history. KafkaAdmin also sets that on a topic that exists already (created by an older stack, or by a
 * broker's auto-create when a reader came first).
 */
public record OwnedTopics(List<String> names) {

    static final Map<String, String> KEEP_FOREVER = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    public static OwnedTopics of(String... names) {
        return new OwnedTopics(List.of(names));
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** The declarations KafkaAdmin creates: each topic and its dead-letter topic. */
    public KafkaAdmin.NewTopics declarations(int partitions, short replicas) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            for (String topic : List.of(name, deadLetter(name))) {
                topics.add(new NewTopic(topic, partitions, replicas).configs(KEEP_FOREVER));
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
