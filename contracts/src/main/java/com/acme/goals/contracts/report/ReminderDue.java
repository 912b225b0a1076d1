package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A report is due soon and not yet submitted: its owner is reminded, once per owner, template and period. */
public record ReminderDue(String slotId, String ownerId, String templateId, String periodKey, Instant dueAt,
                          Instant remindedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
