package com.acme.goals.crmlink.domain;

import java.util.List;

/** A goal as crm-link knows it from goal.events: enough to check a link against. */
public record KnownGoal(String goalId, String ownerId, String periodType, String periodKey, List<String> actionIds,
                        boolean closed) {
}
