package com.acme.goals.contracts.goal;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A planned action was done; it can be completed once. */
public record ActionCompleted(String goalId, String ownerId, String actionId, String note, String completedBy,
                              Instant completedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
