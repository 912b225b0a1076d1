package com.acme.goals.scoring.domain;

import com.acme.goals.contracts.scoring.WeekScored;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** The commands on a score card: score a week, apply a rubric to a month. */
public final class ScoreCardCommands {

    /** Score a week: the automatic parts come from {@code inputs}, read from the read models a moment before. */
    public record ScoreWeek(@TargetAggregateIdentifier String cardId, String employeeId, String isoWeek, Rubric rubric,
                            WeekScored.Inputs inputs, String comment, String by, Set<String> excusedWeeks) {
    }

    /** Re-score every scored week of the month with another rubric, from each week's recorded inputs. */
    public record ApplyRubric(@TargetAggregateIdentifier String cardId, Rubric rubric, String by, Set<String> excusedWeeks) {
    }

    private ScoreCardCommands() {
    }
}
