package com.acme.goals.contracts.scoring;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** A supervisor closed the leaderboard of their line; nobody sees a ranking until it is opened again. */
public record LeaderboardClosed(String supervisorId, String closedBy, Instant closedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return supervisorId;
    }
}
