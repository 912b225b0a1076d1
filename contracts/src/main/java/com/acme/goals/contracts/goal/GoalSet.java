package com.acme.goals.contracts.goal;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;
import java.util.List;

/** A goal was set for an owner and a period; carries everything a reader needs to place it in the tree. */
public record GoalSet(String goalId, String ownerId, String periodType, String periodKey, String parentGoalId,
                      String title, List<NumericTarget> numericTargets, List<PlannedAction> actions,
                      String setBy, Instant setAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
