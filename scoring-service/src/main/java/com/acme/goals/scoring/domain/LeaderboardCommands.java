package com.acme.goals.scoring.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands on a team's leaderboard (one per supervisor). */
public final class LeaderboardCommands {

    /** Opens or changes the leaderboard: rankBy SCORE, or METRIC with the metric whose completion ranks. */
    public record OpenLeaderboard(@TargetAggregateIdentifier String supervisorId, String rankBy, String metric, String by) {
    }

    public record CloseLeaderboard(@TargetAggregateIdentifier String supervisorId, String by) {
    }

    private LeaderboardCommands() {
    }
}
