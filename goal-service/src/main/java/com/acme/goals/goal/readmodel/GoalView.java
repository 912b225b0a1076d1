package com.acme.goals.goal.readmodel;

import com.acme.goals.contracts.goal.NumericTarget;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A goal as its screens show it; {@code version} is what a revision names as {@code expectedVersion}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoalView(String goalId, String ownerId, String periodType, String periodKey, String parentGoalId,
                       List<String> ancestors, String title, List<NumericTarget> numericTargets, List<Action> actions,
                       String status, String outcome, int revisions, String setBy, Instant setAt, long version,
                       List<CustomerLink> links) {

    /** A customer linked to the goal or one of its actions in crm-link (crm.CustomerLinked). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CustomerLink(String linkId, String customerId, String actionId, String linkedBy, Instant linkedAt) {
    }

    public GoalView withLinks(List<CustomerLink> found) {
        return new GoalView(goalId, ownerId, periodType, periodKey, parentGoalId, ancestors, title, numericTargets, actions,
                status, outcome, revisions, setBy, setAt, version, found);
    }


    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(String actionId, String title, String kind, LocalDate plannedOn, String customerId,
                         boolean completed, Instant completedAt, String note) {
    }
}
