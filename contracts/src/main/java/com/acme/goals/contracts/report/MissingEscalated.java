package com.acme.goals.contracts.report;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/**
 * A MISSING report stayed missing past a grace period: level 1 tells the owner's supervisor, level 2 the supervisor's
 * supervisor. {@code notifiedId} is who is told; null when nobody could be (no such person, or they have left).
 */
public record MissingEscalated(String slotId, String ownerId, String templateId, String periodKey, Instant dueAt,
                               int level, String notifiedId, Instant escalatedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
