package com.acme.goals.contracts.goal;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A goal was closed as ACHIEVED, MISSED or CANCELLED; it accepts no changes after this. */
public record GoalClosed(String goalId, String ownerId, String outcome, String reason, String closedBy, Instant closedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
