package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;
import java.util.Map;

/** A report was drafted on a template version for an owner and period, prefilled with carried and computed values. */
public record ReportDrafted(String reportId, String ownerId, String templateId, int templateVersion, String kind,
                            String periodKey, Map<String, Object> fields, java.util.List<String> requiredFields, Instant dueAt,
                            Instant draftedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
