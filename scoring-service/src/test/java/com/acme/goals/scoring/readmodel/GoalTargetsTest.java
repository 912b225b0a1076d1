package com.acme.goals.scoring.readmodel;

import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The goals the milestone check reads for what a batch of activity touched. */
class GoalTargetsTest {

    private static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private GoalTargets goals;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        goals = new GoalTargets(client.getDatabase("scoring-test"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private void set(String goalId, String owner, String type, String period) {
        goals.apply(new GoalSet(goalId, owner, type, period, null, goalId,
                List.of(new NumericTarget("payment_collection", new BigDecimal("1000"), "CNY")), List.of(), "S-1", AT));
    }

    @Test
    void an_owners_goals_in_any_of_the_periods_asked_and_no_others() {
        set("G-day", "E-042", "DAY", "2026-11-16");
        set("G-week", "E-042", "WEEK", "2026-W47");
        set("G-month", "E-042", "MONTH", "2026-11");
        set("G-other-week", "E-042", "WEEK", "2026-W48");
        set("G-colleague", "E-043", "WEEK", "2026-W47");

        assertThat(goals.ofOwner("E-042", List.of("2026-11-16", "2026-W47", "2026-11", "2026-Q4")))
                .extracting(GoalTargets.Goal::goalId).containsExactlyInAnyOrder("G-day", "G-week", "G-month");
        assertThat(goals.ofOwner("E-042", List.of("2026-W47"))).extracting(GoalTargets.Goal::goalId)
                .as("the same as one period asked alone").containsExactlyElementsOf(
                        goals.ofOwner("E-042", "2026-W47").stream().map(GoalTargets.Goal::goalId).toList());
        assertThat(goals.ofOwner("E-044", List.of("2026-W47"))).isEmpty();
    }
}
