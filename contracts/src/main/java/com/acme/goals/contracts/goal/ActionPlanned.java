package com.acme.goals.contracts.goal;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** An action (one work item) was added to a goal's plan. */
public record ActionPlanned(String goalId, String ownerId, PlannedAction action, String plannedBy, Instant plannedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
