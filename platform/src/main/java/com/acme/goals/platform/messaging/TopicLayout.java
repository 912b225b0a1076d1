package com.acme.goals.platform.messaging;

/**
 * How the topics a service owns are cut ({@code goals.topics.partitions}, {@code goals.topics.replicas}): read once,
 * so that the topics made at start and the feeds that size their fetches by the partitions they may hold agree.
 */
public record TopicLayout(int partitions, short replicas) {

    public TopicLayout {
        if (partitions < 1) {
            throw new IllegalArgumentException("goals.topics.partitions must be at least 1, was " + partitions);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("goals.topics.replicas must be at least 1, was " + replicas);
        }
    }
}
