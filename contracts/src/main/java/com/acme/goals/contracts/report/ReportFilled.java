package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;
import java.util.Map;

/** The owner filled or changed fields; after a submission this starts a new version of the report. */
public record ReportFilled(String reportId, String ownerId, Map<String, Object> fields, int version, Instant filledAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
