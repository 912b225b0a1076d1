package com.acme.goals.scoring.readmodel;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.MetricDelta;
import com.acme.goals.contracts.goal.ActionCompleted;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.contracts.scoring.WeekScored;
import com.acme.goals.team.activity.ActivityLedger;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a week score reads: fed with re-deliveries and with report events in every order that Kafka allows. */
class WeekInputsTest {

    private static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private GoalTargets goals;
    private ActivityLedger ledger;
    private ReportTimeliness timeliness;
    private WeekInputs inputs;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        MongoDatabase db = client.getDatabase("scoring-test");
        goals = new GoalTargets(db);
        ledger = new ActivityLedger(db);
        timeliness = new ReportTimeliness(db);
        inputs = new WeekInputs(goals, ledger, timeliness);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static PlannedAction action(String id) {
        return new PlannedAction(id, "visit", "VISIT", null, "C-1");
    }

    private static ActivityRecorded payment(String id, LocalDate day, String amount) {
        return new ActivityRecorded(id, "urn:crm", id, "crm.payment.received", "E-042", "C-1", "payment/" + id,
                day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), "UTC", day, "2026-W47", "2026-11",
                List.of(new MetricDelta("payment_collection", new BigDecimal(amount), "CNY")));
    }

    @Test
    void targets_actuals_and_actions_of_the_week_and_its_days_each_counted_once_however_often_delivered() {
        GoalSet week = new GoalSet("G-W", "E-042", "WEEK", "2026-W47", null, "w47",
                List.of(new NumericTarget("payment_collection", new BigDecimal("100000"), "CNY")), List.of(action("A-1")), "S-1", AT);
        GoalSet monday = new GoalSet("G-D", "E-042", "DAY", "2026-11-16", "G-W", "Mon", List.of(), List.of(action("A-2")), "E-042", AT);
        GoalSet nextWeek = new GoalSet("G-X", "E-042", "DAY", "2026-11-23", null, "Mon", List.of(), List.of(action("A-9")), "E-042", AT);
        for (int delivery = 0; delivery < 2; delivery++) {
            goals.apply(week);
            goals.apply(monday);
            goals.apply(nextWeek);
            goals.apply(new ActionPlanned("G-D", "E-042", action("A-3"), "E-042", AT));
            goals.apply(new ActionCompleted("G-D", "E-042", "A-2", "done", "E-042", AT));
            goals.apply(new ActionPlanned("G-D", "E-042", action("A-4"), "E-042", AT));
            goals.apply(new ActionRemoved("G-D", "E-042", "A-4", "not needed", "E-042", AT));
            ledger.record(List.of(payment("p1", LocalDate.of(2026, 11, 16), "50000.00"),
                    payment("p2", LocalDate.of(2026, 11, 22), "30000.00"),
                    payment("p3", LocalDate.of(2026, 11, 23), "99999.00"))); // Monday of the next week
        }
        // a re-delivered ActionPlanned must not reopen a completed action
        goals.apply(new ActionPlanned("G-D", "E-042", action("A-2"), "E-042", AT));

        WeekScored.Inputs in = inputs.read("E-042", "2026-W47", 80);
        assertThat(in.metrics()).containsExactly(new WeekScored.MetricResult("payment_collection", "CNY",
                new BigDecimal("100000"), new BigDecimal("80000.00")));
        assertThat(in.actionsPlanned()).isEqualTo(3);   // A-4 removed; A-9 is next week's
        assertThat(in.actionsCompleted()).isEqualTo(1);
        assertThat(in.behaviorRating()).isEqualTo(80);
    }

    @Test
    void the_first_submission_decides_and_an_excuse_covers_only_what_never_came_in_any_order() {
        // Plan W47: overdue, then submitted late, then re-delivered overdue and excused: stays LATE
        timeliness.overdue("E-042", "weekly", "2026-W47");
        timeliness.submitted("E-042", "weekly", "2026-W47", "LATE");
        timeliness.overdue("E-042", "weekly", "2026-W47");
        timeliness.excused("E-042", "weekly", "2026-W47");
        // Monday's daily report on time, then a resubmission after a return that was late: stays ON_TIME
        timeliness.submitted("E-042", "daily", "2026-11-16", "ON_TIME");
        timeliness.submitted("E-042", "daily", "2026-11-16", "LATE");
        // Tuesday never came; Wednesday never came but was excused (in either order)
        timeliness.overdue("E-042", "daily", "2026-11-17");
        timeliness.excused("E-042", "daily", "2026-11-18");
        timeliness.overdue("E-042", "daily", "2026-11-18");

        WeekScored.Inputs in = inputs.read("E-042", "2026-W47", 0);
        assertThat(in.reportsOnTime()).isEqualTo(1);
        assertThat(in.reportsLate()).isEqualTo(1);
        assertThat(in.reportsMissing()).isEqualTo(1);
        assertThat(in.metrics()).isEmpty();
        assertThat(in.actionsPlanned()).isZero();
    }

    @Test
    void an_excused_week_is_known_to_the_monthly_total() {
        timeliness.excused("E-042", "weekly", "2026-W46");
        timeliness.overdue("E-042", "weekly", "2026-W48");
        assertThat(timeliness.excusedWeeks("E-042", List.of("2026-W45", "2026-W46", "2026-W47", "2026-W48")))
                .isEqualTo(Set.of("2026-W46"));
    }
}
