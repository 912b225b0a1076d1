package com.acme.goals.scoring.readmodel;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.MetricDelta;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger and progress on a MongoDB-wire server, fed with duplicates and shuffled order. */
class ActivityLedgerTest {

    private MongoServer server;
    private MongoClient client;
    private ActivityLedger ledger;
    private GoalTargets goals;
    private GoalProgress progress;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://localhost:" + address.getPort());
        MongoDatabase db = client.getDatabase("scoring-test");
        ledger = new ActivityLedger(db);
        goals = new GoalTargets(db);
        progress = new GoalProgress(goals, ledger);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    static ActivityRecorded payment(String id, String owner, LocalDate day, String amount) {
        return new ActivityRecorded(id, "urn:test", id, "crm.payment.received", owner, "C-1", "payment/" + id,
                day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), "UTC", day, com.acme.goals.contracts.period.Period.weekOf(day).key(),
                day.toString().substring(0, 7), List.of(new MetricDelta("payment_collection", new BigDecimal(amount), "CNY")));
    }

    private void weekGoal(String goalId, String owner, String week, String target) {
        goals.apply(new GoalSet(goalId, owner, "WEEK", week, null, "t",
                List.of(new NumericTarget("payment_collection", new BigDecimal(target), "CNY")), List.of(), owner, Instant.EPOCH));
    }

    @Test
    void a_week_goal_shows_the_payments_of_its_week_only() {
        weekGoal("G-1", "E-042", "2026-W48", "100000");
        ledger.record(List.of(
                payment("a", "E-042", LocalDate.of(2026, 11, 22), "1000.00"),   // Sunday of week 47
                payment("b", "E-042", LocalDate.of(2026, 11, 23), "20000.00"),  // Monday of week 48
                payment("c", "E-042", LocalDate.of(2026, 11, 29), "5000.00"),   // Sunday of week 48
                payment("d", "E-099", LocalDate.of(2026, 11, 24), "7000.00"))); // another owner
        GoalProgress.MetricProgress metric = progress.of("G-1").orElseThrow().metrics().get(0);
        assertThat(metric.actual()).isEqualByComparingTo("25000.00");
        assertThat(metric.completionPercent()).isEqualByComparingTo("25.00");
    }

    @Test
    void duplicates_and_any_order_of_delivery_give_the_same_totals() {
        weekGoal("G-1", "E-042", "2026-W48", "100000");
        List<ActivityRecorded> events = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < 200; i++) {
            String amount = (i + 1) + ".25";
            events.add(payment("p" + i, "E-042", LocalDate.of(2026, 11, 23 + i % 7), amount));
            expected = expected.add(new BigDecimal(amount));
        }
        List<ActivityRecorded> delivered = new ArrayList<>(events);
        delivered.addAll(events.subList(0, 50)); // re-delivered after a crash
        Collections.shuffle(delivered, new Random(7));
        for (int from = 0; from < delivered.size(); from += 37) {
            ledger.record(delivered.subList(from, Math.min(delivered.size(), from + 37)));
        }
        ledger.record(events.subList(100, 120)); // and once more, as a replay would
        assertThat(progress.of("G-1").orElseThrow().metrics().get(0).actual()).isEqualByComparingTo(expected);
    }

    @Test
    void a_whole_teams_totals_in_one_read_equal_each_members_own() {
        ledger.record(List.of(
                payment("a", "E-042", LocalDate.of(2026, 11, 23), "1000.00"),
                payment("b", "E-042", LocalDate.of(2026, 11, 24), "250.50"),
                payment("c", "E-043", LocalDate.of(2026, 11, 29), "70.00"),
                payment("d", "E-043", LocalDate.of(2026, 11, 30), "9.00"),     // next week
                payment("e", "E-099", LocalDate.of(2026, 11, 24), "7000.00"))); // not in the team
        LocalDate monday = LocalDate.of(2026, 11, 23);
        LocalDate sunday = LocalDate.of(2026, 11, 29);
        var team = ledger.totalsByOwner(List.of("E-042", "E-043", "E-044"), monday, sunday);
        assertThat(team).containsOnlyKeys("E-042", "E-043", "E-044");
        for (String member : List.of("E-042", "E-043", "E-044")) {
            assertThat(team.get(member)).as(member).isEqualTo(ledger.totals(member, monday, sunday));
        }
        assertThat(team.get("E-042").get("payment_collection|CNY")).isEqualByComparingTo("1250.50");
        assertThat(team.get("E-044")).isEmpty();
    }

    @Test
    void a_goal_set_twice_is_projected_once() {
        weekGoal("G-1", "E-042", "2026-W48", "100000");
        weekGoal("G-1", "E-042", "2026-W48", "100000");
        assertThat(progress.of("G-1")).isPresent();
        assertThat(progress.of("G-1").orElseThrow().metrics()).hasSize(1);
    }

    @Test
    void an_unknown_goal_has_no_progress() {
        assertThat(progress.of("G-404")).isEmpty();
    }

    @Test
    void a_revision_replaces_the_targets_once_and_a_late_goal_set_does_not_undo_it() {
        weekGoal("G-1", "E-042", "2026-W48", "100000");
        ledger.record(List.of(payment("a", "E-042", LocalDate.of(2026, 11, 24), "25000.00")));
        var revised = new com.acme.goals.contracts.goal.GoalRevised("G-1", "E-042", List.of(),
                List.of(new NumericTarget("payment_collection", new BigDecimal("50000"), "CNY")), "smaller market", "E-100", Instant.EPOCH);
        goals.apply(revised, 1L);
        goals.apply(revised, 1L);
        weekGoal("G-1", "E-042", "2026-W48", "100000"); // re-delivered GoalSet
        assertThat(progress.of("G-1").orElseThrow().metrics().get(0).completionPercent()).isEqualByComparingTo("50.00");
    }

    @Test
    void a_revision_without_a_sequence_is_applied_and_does_not_shut_out_the_revisions_after_it() {
        weekGoal("G-1", "E-042", "2026-W48", "100000");
        ledger.record(List.of(payment("a", "E-042", LocalDate.of(2026, 11, 24), "25000.00")));
        assertThat(goals.apply(revision("G-1", "50000"), null)).isTrue(); // from an older producer: no sequence
        assertThat(progress.of("G-1").orElseThrow().metrics().get(0).completionPercent()).isEqualByComparingTo("50.00");
        assertThat(goals.apply(revision("G-1", "25000"), 2L)).isTrue();
        assertThat(progress.of("G-1").orElseThrow().metrics().get(0).completionPercent()).isEqualByComparingTo("100.00");
        goals.apply(revision("G-1", "50000"), 2L); // the same sequence again changes nothing
        assertThat(progress.of("G-1").orElseThrow().metrics().get(0).completionPercent()).isEqualByComparingTo("100.00");
        assertThat(goals.apply(revision("G-404", "1"), 1L)).as("a revision of a goal not projected yet waits").isFalse();
    }

    private static com.acme.goals.contracts.goal.GoalRevised revision(String goalId, String target) {
        return new com.acme.goals.contracts.goal.GoalRevised(goalId, "E-042", List.of(),
                List.of(new NumericTarget("payment_collection", new BigDecimal(target), "CNY")), "replanned", "E-100", Instant.EPOCH);
    }

    @Test
    void a_month_goal_rolls_up_the_activity_of_its_whole_subtree_and_its_actions() {
        var visit = new com.acme.goals.contracts.goal.PlannedAction("A-1", "visit", "VISIT", null, "C-1");
        var call = new com.acme.goals.contracts.goal.PlannedAction("A-2", "call", "CALL", null, "C-2");
        goals.apply(new GoalSet("G-M", "E-100", "MONTH", "2026-11", null, "November",
                List.of(new NumericTarget("payment_collection", new BigDecimal("200000"), "CNY")), List.of(), "E-001", Instant.EPOCH));
        goals.apply(new GoalSet("G-W", "E-042", "WEEK", "2026-W48", "G-M", "week 48",
                List.of(new NumericTarget("payment_collection", new BigDecimal("150000"), "CNY")), List.of(visit), "E-100", Instant.EPOCH));
        goals.apply(new GoalSet("G-D", "E-042", "DAY", "2026-11-24", "G-W", "Tuesday", List.of(), List.of(call), "E-042", Instant.EPOCH));
        goals.apply(new com.acme.goals.contracts.goal.ActionCompleted("G-D", "E-042", "A-2", "done", "E-042", Instant.EPOCH));
        ledger.record(List.of(
                payment("a", "E-100", LocalDate.of(2026, 11, 3), "10000.00"),
                payment("b", "E-042", LocalDate.of(2026, 11, 24), "30000.00"),
                payment("c", "E-042", LocalDate.of(2026, 12, 1), "99999.00"),  // December
                payment("d", "E-777", LocalDate.of(2026, 11, 24), "5000.00"))); // not in the subtree

        GoalProgress.View month = progress.of("G-M").orElseThrow();
        // the month's actual is the activity of its owners in November, not the week's target of 150000
        assertThat(month.metrics().get(0).actual()).isEqualByComparingTo("40000.00");
        assertThat(month.metrics().get(0).completionPercent()).isEqualByComparingTo("20.00");
        assertThat(month.owners()).containsExactly("E-042", "E-100");
        assertThat(month.descendants()).isEqualTo(2);
        assertThat(month.actions().planned()).isEqualTo(2);
        assertThat(month.actions().completed()).isEqualTo(1);
        assertThat(month.actions().completionPercent()).isEqualByComparingTo("50.00");
        GoalProgress.View week = progress.of("G-W").orElseThrow();
        assertThat(week.metrics().get(0).actual()).isEqualByComparingTo("30000.00");
        assertThat(week.owners()).containsExactly("E-042");
    }
}
