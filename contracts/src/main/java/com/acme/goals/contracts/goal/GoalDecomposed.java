package com.acme.goals.contracts.goal;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;
import java.util.List;

/**
 * A parent goal recorded a child (a finer period, the same owner or someone in their line) with the child's
 * numeric targets. Recorded again, with the new targets, when the child's targets are revised.
 */
public record GoalDecomposed(String parentGoalId, String ownerId, String childGoalId, String childOwnerId,
                             String childPeriodType, String childPeriodKey, List<NumericTarget> childTargets,
                             Instant decomposedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
