package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A period's deadline passed with no report submitted: MISSING for that owner, template and period. */
public record ReportOverdue(String slotId, String ownerId, String templateId, String periodKey, Instant dueAt,
                            Instant detectedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
