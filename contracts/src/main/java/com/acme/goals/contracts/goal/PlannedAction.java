package com.acme.goals.contracts.goal;

import java.time.LocalDate;

/** One work item of a goal (行动目标): a visit, a call, a training, … */
public record PlannedAction(String actionId, String title, String kind, LocalDate plannedOn, String customerId) {
}
