package com.acme.goals.goal.domain;

import java.util.Map;
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

    public record SetGoal(@TargetAggregateIdentifier String goalId, String ownerId, String periodType, String periodKey,
                          String parentGoalId, String title, List<NumericTarget> numericTargets,
                          List<PlannedAction> actions, String setBy,
                          boolean setByAdmin) {
    }

    /**
     * A submitted weekly plan's daily schedule (日程安排): per weekday, the actions planned for that day. Applying it
     * again (after a return and resubmission) brings the DAY goals in line; it never duplicates them.
     */
    public record ApplyDailySchedule(String reportId, String ownerId, String weekKey, String weekGoalId,
                                     Map<String, List<ScheduledAction>> days) {

        public record ScheduledAction(String title, String kind, String customerId) {
        }
    }

    private GoalCommands() {
    }
}
