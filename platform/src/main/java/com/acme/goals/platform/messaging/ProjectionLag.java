package com.acme.goals.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How far behind each of this service's Kafka projections is: the records on its topics that its consumer group has
 * not yet committed. Refreshed every 30 s (three admin calls per group, for a gauge Prometheus scrapes every 15 s);
 * served as {@code goals.projection.lag{group}}. The admin endpoint and a rebuild's end measure it afresh.
 */
public class ProjectionLag implements AutoCloseable {

    /** One consumer group: its topics and how many of their records it has not finished. */
    public record GroupLag(String group, List<String> topics, long committed, long end, long lag) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
    private final KafkaListenerEndpointRegistry registry;
    private final Admin admin;
    private final MeterRegistry meters;
    private final Map<String, GroupLag> lags = new ConcurrentHashMap<>();

    public ProjectionLag(KafkaListenerEndpointRegistry registry, KafkaAdmin kafkaAdmin, MeterRegistry meters) {
        this.registry = registry;
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.meters = meters;
    }

    /** The groups and topics of this service's listeners. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new TreeMap<>();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (container.getGroupId() != null && topics != null) {
                groups.computeIfAbsent(container.getGroupId(), g -> new ArrayList<>()).addAll(Arrays.asList(topics));
            }
        }
        return groups;
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${goals.projection.lag-refresh:PT30S}")
    public void refresh() {
        try {
            measure();
        } catch (Exception e) {
            log.warn("projection lag not measured: {}", e.getMessage());
        }
    }

    /** Measures every group now. */
    public List<GroupLag> measure() throws Exception {
        List<GroupLag> measured = new ArrayList<>();
        for (Map.Entry<String, List<String>> group : groups().entrySet()) {
            Map<TopicPartition, Long> committed = committed(group.getKey());
            long end = 0;
            long done = 0;
            for (var partition : ends(group.getValue()).entrySet()) {
                end += partition.getValue();
                done += committed.getOrDefault(partition.getKey(), 0L);
            }
            GroupLag lag = new GroupLag(group.getKey(), group.getValue(), done, end, Math.max(0, end - done));
            if (lags.put(group.getKey(), lag) == null) {
                Gauge.builder("goals.projection.lag", lags, l -> l.get(group.getKey()).lag()).tag("group", group.getKey())
                        .description("records on the group's topics not yet in its read model").register(meters);
            }
            measured.add(lag);
        }
        return measured;
    }

    /**
     * Where every group's topics end now, partition by partition. A group has read everything that was there at this
     * moment once it has committed these offsets; unlike a lag of 0, that moment comes under a steady stream of records.
     */
    public Mark mark() throws Exception {
        Map<String, Map<TopicPartition, Long>> ends = new TreeMap<>();
        for (Map.Entry<String, List<String>> group : groups().entrySet()) {
            ends.put(group.getKey(), ends(group.getValue()));
        }
        return new Mark(ends);
    }

    /** Whether every group has committed at least the mark's offset on every partition of it. */
    public boolean reached(Mark mark) throws Exception {
        for (Map.Entry<String, Map<TopicPartition, Long>> group : mark.ends().entrySet()) {
            if (!mark.reachedBy(group.getKey(), committed(group.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The ends of the groups' topics at one moment. */
    public record Mark(Map<String, Map<TopicPartition, Long>> ends) {

        /** Whether the group's committed offsets reach this mark on each of its partitions (an empty one needs none). */
        public boolean reachedBy(String group, Map<TopicPartition, Long> committed) {
            return ends.getOrDefault(group, Map.of()).entrySet().stream()
                    .allMatch(end -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
        }
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .forEach((partition, at) -> {
                    if (at != null) {
                        committed.put(partition, at.offset());
                    }
                });
        return committed;
    }

    private Map<TopicPartition, Long> ends(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
