package com.acme.goals.scoring.readmodel;

import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The goals the milestone check reads for what a batch of activity touched. */
class GoalTargetsTest {

    /** A day last week, from the clock: the periods asked for are that day's, whatever today is. */
    private static final LocalDate DAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusWeeks(1);
    private static final String WEEK = Period.weekOf(DAY).key();
    private static final Instant AT = Instant.now();
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
        String day = Period.day(DAY).key();
        String month = Period.containing(PeriodType.MONTH, DAY).key();
        String quarter = Period.containing(PeriodType.QUARTER, DAY).key();
        set("G-day", "E-042", "DAY", day);
        set("G-week", "E-042", "WEEK", WEEK);
        set("G-month", "E-042", "MONTH", month);
        set("G-other-week", "E-042", "WEEK", Period.weekOf(DAY.plusWeeks(1)).key());
        set("G-colleague", "E-043", "WEEK", WEEK);

        assertThat(goals.ofOwner("E-042", List.of(day, WEEK, month, quarter)))
                .extracting(GoalTargets.Goal::goalId).containsExactlyInAnyOrder("G-day", "G-week", "G-month");
        assertThat(goals.ofOwner("E-042", List.of(WEEK))).extracting(GoalTargets.Goal::goalId)
                .as("the same as one period asked alone").containsExactlyElementsOf(
                        goals.ofOwner("E-042", WEEK).stream().map(GoalTargets.Goal::goalId).toList());
        assertThat(goals.ofOwner("E-044", List.of(WEEK))).isEmpty();
    }
}
