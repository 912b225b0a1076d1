package com.acme.goals.contracts.goal;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A planned action was taken off a goal's plan, with the reason; a completed action can never be removed. */
public record ActionRemoved(String goalId, String ownerId, String actionId, String reason, String removedBy,
                            Instant removedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
