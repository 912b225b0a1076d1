package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** The owner answered an annotation; answers keep their order in the thread. */
public record AnnotationAnswered(String reportId, String ownerId, String annotationId, String text, String author,
                                 Instant answeredAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
