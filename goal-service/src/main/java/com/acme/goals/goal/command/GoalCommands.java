package com.acme.goals.goal.command;

import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The commands on an existing goal; {@code by} is the caller, {@code byAdmin} whether they act as admin. */
public final class GoalCommands {

    public record ReviseGoal(@TargetAggregateIdentifier String goalId, Long expectedVersion, List<NumericTarget> numericTargets,
                             String reason, String by, boolean byAdmin) {
    }

    /** Owner only, admins included: what someone plans and does is theirs (completion feeds the score). */
    public record PlanAction(@TargetAggregateIdentifier String goalId, PlannedAction action, String by) {
    }

    public record CompleteAction(@TargetAggregateIdentifier String goalId, String actionId, String note, String by) {
    }

    public record RemoveAction(@TargetAggregateIdentifier String goalId, String actionId, String reason, String by,
                               boolean byAdmin) {
    }

    public record CloseGoal(@TargetAggregateIdentifier String goalId, Long expectedVersion, String outcome, String reason,
                            String by, boolean byAdmin) {
    }

    private GoalCommands() {
    }
}
