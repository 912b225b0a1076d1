package com.acme.goals.contracts.goal;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;
import java.util.List;

/** A goal's numeric targets were revised, with the reason; the previous targets stay in the event. */
public record GoalRevised(String goalId, String ownerId, List<NumericTarget> previousTargets,
                          List<NumericTarget> numericTargets, String reason, String revisedBy, Instant revisedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
