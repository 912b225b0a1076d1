package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;
import java.util.Map;

/** A summary was submitted to the supervisor line, ON_TIME or LATE against its deadline. */
public record SummarySubmitted(String reportId, String ownerId, String templateId, String periodKey, int version,
                               Map<String, Object> fields, String timeliness, Instant dueAt, Instant submittedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
