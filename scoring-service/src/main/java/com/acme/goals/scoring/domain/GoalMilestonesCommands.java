package com.acme.goals.scoring.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.util.List;

/** The commands on a goal's milestones. */
public final class GoalMilestonesCommands {

    /** One metric of the goal as it stands: its target and actual. */
    public record Standing(String metric, String unit, BigDecimal target, BigDecimal actual) {
    }

    /** Records the milestones the goal's metrics have passed; {@code notifiedIds} are told of new ones. */
    public record RecordProgress(@TargetAggregateIdentifier String milestonesId, String goalId, String ownerId, String periodKey,
                                 List<Standing> metrics, List<String> notifiedIds) {
    }

    private GoalMilestonesCommands() {
    }
}
