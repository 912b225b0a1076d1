package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A supervisor reviewed (检视) the submitted report. */
public record ReportReviewed(String reportId, String ownerId, int version, String reviewedBy, Instant reviewedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
