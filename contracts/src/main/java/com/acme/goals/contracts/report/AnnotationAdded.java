package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/**
 * Someone in the owner's supervisor line annotated (批注) the report: the whole report, one field, or one row of a
 * table field. {@code reportVersion} is the version they saw.
 */
public record AnnotationAdded(String reportId, String ownerId, String annotationId, String field, Integer row, String text,
                              int reportVersion, String author, Instant addedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
