package com.acme.goals.crmlink.domain;

import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The rules of linking a customer to a goal: the goal is known and open, the action (if any) is one of its planned
 * actions, and only the goal's owner links customers to it.
 */
public class CustomerLinking {

    /** What a link request asked for. */
    public record Request(String goalId, String actionId, String customerId) {
    }

    /** The link, and whether this request made it. */
    public record Outcome(String linkId, boolean created) {
    }

    static final int MAX_ID = 200;
    private final KnownGoals goals;
    private final CommandGateway commands;

    public CustomerLinking(KnownGoals goals, CommandGateway commands) {
        this.goals = goals;
        this.commands = commands;
    }

    /** {@code by}: the caller, who must own the goal. */
    public Outcome link(String by, Request request) {
        String goalId = required("goalId", request.goalId());
        String customerId = required("customerId", request.customerId());
        String actionId = request.actionId() == null ? null : required("actionId", request.actionId());
        KnownGoal goal = goals.find(goalId)
                .orElseThrow(() -> new NotFound("goal " + goalId + " is not known (a goal just set may take a moment to arrive)"));
        if (!by.equals(goal.ownerId())) {
            throw new NotAllowed(by + " may not link customers to goal " + goalId + " of " + goal.ownerId()
                    + ": only the goal's owner may");
        }
        if (goal.closed()) {
            throw new Conflict("goal " + goalId + " is closed; it takes no new links");
        }
        if (actionId != null && !goal.actionIds().contains(actionId)) {
            throw new DomainRuleBroken("actionId", "goal " + goalId + " has no planned action " + actionId);
        }
        String linkId = CustomerLink.id(goalId, actionId, customerId);
        Boolean created = commands.sendAndWait(new CustomerLinkCommands.LinkCustomer(linkId, goalId, actionId, customerId,
                goal.ownerId(), goal.periodType(), goal.periodKey(), by));
        return new Outcome(linkId, Boolean.TRUE.equals(created));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new DomainRuleBroken(field, "required, a non-blank string");
        }
        if (value.length() > MAX_ID) {
            throw new DomainRuleBroken(field, "longer than " + MAX_ID + " characters");
        }
        return value;
    }
}
