package com.acme.goals.contracts.crm;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/**
 * A customer was linked to a goal, or to one planned action of it: the customer's CRM records of the goal's owner
 * in the goal's period now show under that goal. {@code linkId} is derived from (goalId, actionId, customerId), so
 * linking the same pair again is no new fact.
 */
public record CustomerLinked(String linkId, String goalId, String actionId, String customerId, String ownerId,
                             String periodType, String periodKey, String linkedBy, Instant linkedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
