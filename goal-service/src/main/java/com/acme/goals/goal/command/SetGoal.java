package com.acme.goals.goal.command;

import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record SetGoal(@TargetAggregateIdentifier String goalId, String ownerId, String periodType, String periodKey,
                      String parentGoalId, String title, List<NumericTarget> numericTargets,
                      List<PlannedAction> actions, String setBy,
                      boolean setByAdmin) {
}
