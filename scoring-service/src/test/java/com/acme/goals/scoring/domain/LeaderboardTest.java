package com.acme.goals.scoring.domain;

import com.acme.goals.contracts.scoring.LeaderboardClosed;
import com.acme.goals.contracts.scoring.LeaderboardOpened;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.scoring.domain.LeaderboardCommands.CloseLeaderboard;
import com.acme.goals.scoring.domain.LeaderboardCommands.OpenLeaderboard;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class LeaderboardTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private AggregateTestFixture<Leaderboard> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Leaderboard.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_supervisor_opens_the_leaderboard_by_a_catalogued_metric() {
        fixture.givenNoPriorActivity()
                .when(new OpenLeaderboard("S-1", "METRIC", "payment_collection", "S-1"))
                .expectEvents(new LeaderboardOpened("S-1", "METRIC", "payment_collection", "S-1", NOW));
    }

    @Test
    void opening_it_again_the_same_way_records_nothing_and_a_change_is_recorded() {
        fixture.given(new LeaderboardOpened("S-1", "SCORE", null, "S-1", NOW))
                .when(new OpenLeaderboard("S-1", "SCORE", "ignored", "S-1"))
                .expectNoEvents();
        fixture.given(new LeaderboardOpened("S-1", "SCORE", null, "S-1", NOW))
                .when(new OpenLeaderboard("S-1", "METRIC", "visits", "S-1"))
                .expectEvents(new LeaderboardOpened("S-1", "METRIC", "visits", "S-1", NOW));
    }

    @Test
    void an_unknown_metric_or_ranking_is_refused_on_its_field() {
        fixture.givenNoPriorActivity().when(new OpenLeaderboard("S-1", "METRIC", "payment_colection", "S-1"))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("closest: payment_collection"));
        fixture.givenNoPriorActivity().when(new OpenLeaderboard("S-1", "LUCK", null, "S-1"))
                .expectException(DomainRuleBroken.class);
    }

    @Test
    void closing_is_recorded_once_and_a_never_opened_board_has_nothing_to_close() {
        fixture.given(new LeaderboardOpened("S-1", "SCORE", null, "S-1", NOW))
                .when(new CloseLeaderboard("S-1", "S-1"))
                .expectEvents(new LeaderboardClosed("S-1", "S-1", NOW));
        fixture.given(new LeaderboardOpened("S-1", "SCORE", null, "S-1", NOW), new LeaderboardClosed("S-1", "S-1", NOW))
                .when(new CloseLeaderboard("S-1", "S-1"))
                .expectNoEvents();
        fixture.givenNoPriorActivity().when(new CloseLeaderboard("S-1", "S-1")).expectException(NotFound.class);
    }
}
