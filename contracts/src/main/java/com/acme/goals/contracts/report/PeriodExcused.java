package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A supervisor excused a period (leave, holiday): it is neither late nor missing, and does not count as 0. */
public record PeriodExcused(String slotId, String ownerId, String templateId, String periodKey, String reason,
                            String excusedBy, Instant excusedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
