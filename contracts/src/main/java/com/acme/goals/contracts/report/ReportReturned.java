package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A supervisor sent the submitted report back for revision, with the reason. */
public record ReportReturned(String reportId, String ownerId, int version, String reason, String returnedBy, Instant returnedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
