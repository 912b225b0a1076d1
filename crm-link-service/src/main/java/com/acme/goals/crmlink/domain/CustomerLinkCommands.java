package com.acme.goals.crmlink.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The command that links a customer to a goal. */
public final class CustomerLinkCommands {

    /** Link a customer; the rules (goal known and open, action of the goal, who may) are checked before. */
    public record LinkCustomer(@TargetAggregateIdentifier String linkId, String goalId, String actionId, String customerId,
                               String ownerId, String periodType, String periodKey, String by) {
    }

    private CustomerLinkCommands() {
    }
}
