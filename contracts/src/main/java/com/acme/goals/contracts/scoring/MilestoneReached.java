package com.acme.goals.contracts.scoring;

import com.acme.goals.contracts.DomainEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A goal's actual on one metric passed {@code percent} (50, 90 or 100) of its target; raised once per goal, metric and
 * threshold. {@code notifiedIds}: the owner and their supervisor (those who had not left).
 */
public record MilestoneReached(String goalId, String ownerId, String periodKey, String metric, String unit, int percent,
                               BigDecimal target, BigDecimal actual, List<String> notifiedIds, Instant reachedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
