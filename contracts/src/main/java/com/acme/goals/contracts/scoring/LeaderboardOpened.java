package com.acme.goals.contracts.scoring;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/**
 * A supervisor opened (or changed) the leaderboard of the line below them: ranked by {@code rankBy} SCORE (the week's
 * or month's score) or METRIC (completion of {@code metric}). Leaderboards are off until this happens.
 */
public record LeaderboardOpened(String supervisorId, String rankBy, String metric, String openedBy, Instant openedAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return supervisorId;
    }
}
