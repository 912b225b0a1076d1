package com.acme.goals.platform.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The topics a service owns (it publishes them, or it is their one door in), declared by the service itself and
 * created at its start by Spring's KafkaAdmin, each with its dead-letter topic. Every one keeps its records for good
 * ({@code retention.ms=-1}, {@code retention.bytes=-1}): the event topics are the history every read model is rebuilt
 * from and the inbound topics what a replay re-reads; a broker's default of seven days would let a rebuild silently
 * miss older history. KafkaAdmin also sets that on a topic that exists already (created by an older stack), but not on
 * one it tried to create and found made meanwhile (a broker's auto-create when another service's reader came first):
 * {@link #keepForever} mends those after the start.
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

    /** Each topic and its dead-letter topic. */
    public List<String> withDeadLetters() {
        List<String> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(name);
            topics.add(deadLetter(name));
        }
        return topics;
    }

    /** The declarations KafkaAdmin creates: each topic and its dead-letter topic. */
    public KafkaAdmin.NewTopics declarations(TopicLayout layout) {
        return new KafkaAdmin.NewTopics(newTopics(layout).toArray(NewTopic[]::new));
    }

    List<NewTopic> newTopics(TopicLayout layout) {
        return withDeadLetters().stream()
                .map(topic -> new NewTopic(topic, layout.partitions(), layout.replicas()).configs(KEEP_FOREVER)).toList();
    }

    /**
     * Sets "kept for good" on each topic (and dead-letter topic) that lacks it, whoever created it, and returns the
     * ones it changed. A topic the broker does not know yet (its creation still on its way) is waited for.
     */
    public List<String> keepForever(Admin admin, Duration patience) throws InterruptedException, ExecutionException {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        List<String> mended = new ArrayList<>();
        for (String topic : withDeadLetters()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = null;
            while (config == null) {
                try {
                    config = admin.describeConfigs(List.of(resource)).values().get(resource).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > giveUpAt) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
            List<AlterConfigOp> changes = new ArrayList<>();
            for (var wanted : KEEP_FOREVER.entrySet()) {
                ConfigEntry entry = config.get(wanted.getKey());
                if (entry == null || !wanted.getValue().equals(entry.value())) {
                    changes.add(new AlterConfigOp(new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET));
                }
            }
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(Map.of(resource, changes)).all().get();
                mended.add(topic);
            }
        }
        return mended;
    }
}
