package com.acme.goals.crmlink.command;

import com.acme.goals.crmlink.query.GoalDirectory;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.security.Actor;
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
    private final GoalDirectory goals;
    private final CommandGateway commands;

    public CustomerLinking(GoalDirectory goals, CommandGateway commands) {
        this.goals = goals;
        this.commands = commands;
    }

    public Outcome link(Actor actor, Request request) {
        String goalId = required("goalId", request.goalId());
        String customerId = required("customerId", request.customerId());
        String actionId = request.actionId() == null ? null : required("actionId", request.actionId());
        GoalDirectory.KnownGoal goal = goals.find(goalId)
                .orElseThrow(() -> new NotFound("goal " + goalId + " is not known (a goal just set may take a moment to arrive)"));
        if (!actor.id().equals(goal.ownerId())) {
            throw new NotAllowed(actor.id() + " may not link customers to goal " + goalId + " of " + goal.ownerId()
                    + ": only the goal's owner may");
        }
        if (goal.closed()) {
            throw new Conflict("goal " + goalId + " is closed; it takes no new links");
        }
        if (actionId != null && !goal.actionIds().contains(actionId)) {
            throw new DomainRuleBroken("actionId", "goal " + goalId + " has no planned action " + actionId);
        }
        String linkId = CustomerLink.id(goalId, actionId, customerId);
        Boolean created = commands.sendAndWait(new CustomerLink.LinkCustomer(linkId, goalId, actionId, customerId,
                goal.ownerId(), goal.periodType(), goal.periodKey(), actor.id()));
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
