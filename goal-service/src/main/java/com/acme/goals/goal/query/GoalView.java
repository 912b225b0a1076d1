package com.acme.goals.goal.query;

import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public record GoalView(String goalId, String ownerId, String periodType, String periodKey, String parentGoalId,
                       String title, List<NumericTarget> numericTargets, List<PlannedAction> actions,
                       String setBy, Instant setAt, long version) {
}
