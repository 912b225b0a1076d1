package com.acme.goals.contracts;

/**
 * A fact one service publishes. The partition key keeps one employee's history in order on one
 * Kafka partition (architecture.md, Events).
 */
public interface DomainEvent {

    /** The Kafka record key: the owner or employee the fact is about. */
    String partitionKey();
}
