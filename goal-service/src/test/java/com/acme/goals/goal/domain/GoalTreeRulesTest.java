package com.acme.goals.goal.domain;

import com.acme.goals.contracts.goal.ActionCompleted;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.GoalClosed;
import com.acme.goals.contracts.goal.GoalDecomposed;
import com.acme.goals.contracts.goal.GoalRevised;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.goal.domain.GoalCommands.CloseGoal;
import com.acme.goals.goal.domain.GoalCommands.CompleteAction;
import com.acme.goals.goal.domain.GoalCommands.PlanAction;
import com.acme.goals.goal.domain.GoalCommands.ReviseGoal;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

/** The rules of a goal in its tree: decomposition, revision, actions, closing. */
class GoalTreeRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static AggregateTestFixture<Goal> fixture(boolean allowStretch) {
        AggregateTestFixture<Goal> fixture = new AggregateTestFixture<>(Goal.class);
        fixture.registerAnnotatedCommandHandler(new GoalPlanning(fixture.getRepository(), new GoalTest.ChartStub(), new KnownMetricsStub(CLOCK), CLOCK, allowStretch));
        return fixture;
    }

    private static NumericTarget cny(String metric, String value) {
        return new NumericTarget(metric, new BigDecimal(value), "CNY");
    }

    private static GoalSet monthGoal() {
        return new GoalSet("M-11", "E-042", "MONTH", "2026-11", null, "November", List.of(cny("payment_collection", "100000")),
                List.of(new PlannedAction("A-1", "visit agent", "VISIT", null, "C-1")), "E-042", NOW);
    }

    private static GoalCommands.SetGoal weekUnder(String parent, String week, String amount) {
        return new GoalCommands.SetGoal("W-" + week, "E-042", "WEEK", week, parent, "week", List.of(cny("payment_collection", amount)),
                List.of(), "E-042", false);
    }

    private static GoalCommands.SetGoal month() {
        return new GoalCommands.SetGoal("M-11", "E-042", "MONTH", "2026-11", null, "November", List.of(cny("payment_collection", "100000")),
                List.of(), "E-042", false);
    }

    @Test
    void a_week_under_its_month_is_recorded_on_the_parent() {
        try (GoalWorld world = new GoalWorld(CLOCK, false)) {
            world.commands().sendAndWait(month());
            world.commands().sendAndWait(weekUnder("M-11", "2026-W48", "30000"));
            assertThat(world.eventsOf("M-11")).contains(new GoalDecomposed("M-11", "E-042", "W-2026-W48", "E-042", "WEEK",
                    "2026-W48", List.of(cny("payment_collection", "30000")), NOW));
            assertThat(world.eventsOf("W-2026-W48")).hasSize(1);
        }
    }

    @Test
    void a_refused_child_is_not_stored_either() {
        try (GoalWorld world = new GoalWorld(CLOCK, false)) {
            world.commands().sendAndWait(month());
            assertThatThrownBy(() -> world.commands().sendAndWait(weekUnder("M-11", "2026-W48", "100001")))
                    .isInstanceOf(DomainRuleBroken.class);
            assertThat(world.eventsOf("W-2026-W48")).isEmpty();
            assertThat(world.eventsOf("M-11")).hasSize(1);
        }
    }

    @Test
    void revising_a_child_updates_what_the_parent_holds_and_is_checked_against_it() {
        try (GoalWorld world = new GoalWorld(CLOCK, false)) {
            world.commands().sendAndWait(month());
            world.commands().sendAndWait(weekUnder("M-11", "2026-W47", "60000"));
            world.commands().sendAndWait(weekUnder("M-11", "2026-W48", "30000"));
            assertThatThrownBy(() -> world.commands().sendAndWait(new ReviseGoal("W-2026-W48", null,
                    List.of(cny("payment_collection", "50000")), "bigger agent", "E-042", false)))
                    .hasMessageContaining("would add up to 110000 CNY");
            world.commands().sendAndWait(new ReviseGoal("W-2026-W48", null, List.of(cny("payment_collection", "40000")),
                    "agent prepaid", "E-042", false));
            assertThat(world.eventsOf("M-11")).last().isEqualTo(new GoalDecomposed("M-11", "E-042", "W-2026-W48", "E-042",
                    "WEEK", "2026-W48", List.of(cny("payment_collection", "40000")), NOW));
        }
    }

    @Test
    void a_week_whose_thursday_lies_in_another_month_cannot_sit_under_this_month() {
        // 2026-W49 runs 30 Nov – 6 Dec; its Thursday is in December
        fixture(false).given(monthGoal())
                .when(weekUnder("M-11", "2026-W49", "1"))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(containsString("must lie inside its parent's"));
    }

    @Test
    void a_child_must_be_strictly_finer_than_its_parent() {
        fixture(false).given(monthGoal())
                .when(new GoalCommands.SetGoal("M-2", "E-042", "MONTH", "2026-11", "M-11", "t", List.of(), List.of(), "E-042", false))
                .expectException(DomainRuleBroken.class);
    }

    @Test
    void an_event_goal_may_sit_under_any_goal() {
        try (GoalWorld world = new GoalWorld(CLOCK, false)) {
            world.commands().sendAndWait(month());
            world.commands().sendAndWait(new GoalCommands.SetGoal("EV-1", "E-042", "EVENT", null, "M-11", "sign the agent", List.of(),
                    List.of(), "E-042", false));
            assertThat(world.eventsOf("EV-1")).hasSize(1);
        }
    }

    @Test
    void childrens_targets_may_not_add_up_above_the_parents_by_default() {
        fixture(false).given(monthGoal(), new GoalDecomposed("M-11", "E-042", "W-2026-W47", "E-042", "WEEK", "2026-W47",
                        List.of(cny("payment_collection", "80000")), NOW))
                .when(weekUnder("M-11", "2026-W48", "30000"))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(containsString("would add up to 110000 CNY, above the parent's 100000"));
    }

    private static NumericTarget tiers(String target, String stretch, String challenge) {
        return new NumericTarget("payment_collection", new BigDecimal(target), "CNY", stretch == null ? null : new BigDecimal(stretch),
                challenge == null ? null : new BigDecimal(challenge));
    }

    @Test
    void tier_levels_roll_up_like_targets_a_child_without_one_counting_its_target() {
        GoalSet month = new GoalSet("M-11", "E-042", "MONTH", "2026-11", null, "November",
                List.of(tiers("100000", "120000", "150000")), List.of(), "E-042", NOW);
        GoalDecomposed first = new GoalDecomposed("M-11", "E-042", "W-2026-W47", "E-042", "WEEK", "2026-W47",
                List.of(tiers("50000", "60000", null)), NOW);
        GoalCommands.SetGoal second = new GoalCommands.SetGoal("W-2026-W48", "E-042", "WEEK", "2026-W48", "M-11", "week",
                List.of(tiers("50000", "70000", "90000")), List.of(), "E-042", false);
        // targets 100000 ≤ 100000, stretch 130000 > 120000
        fixture(false).given(month, first).when(second)
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(containsString("the children's payment_collection stretch levels would add up to 130000 CNY, above the parent's 120000"));
        // stretch 115000 fits; challenge 60000 (the first week's stretch: it has no challenge) + 100000 > 150000
        GoalCommands.SetGoal lower = new GoalCommands.SetGoal("W-2026-W48", "E-042", "WEEK", "2026-W48", "M-11", "week",
                List.of(tiers("50000", "55000", "100000")), List.of(), "E-042", false);
        fixture(false).given(month, first).when(lower)
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(containsString("challenge levels would add up to 160000 CNY, above the parent's 150000"));
        GoalCommands.SetGoal fits = new GoalCommands.SetGoal("W-2026-W48", "E-042", "WEEK", "2026-W48", "M-11", "week",
                List.of(tiers("50000", "55000", "90000")), List.of(), "E-042", false);
        try (GoalWorld world = new GoalWorld(CLOCK, false)) {
            world.commands().sendAndWait(new GoalCommands.SetGoal("M-11", "E-042", "MONTH", "2026-11", null, "November",
                    List.of(tiers("100000", "120000", "150000")), List.of(), "E-042", false));
            world.commands().sendAndWait(new GoalCommands.SetGoal("W-2026-W47", "E-042", "WEEK", "2026-W47", "M-11", "week",
                    List.of(tiers("50000", "60000", null)), List.of(), "E-042", false));
            world.commands().sendAndWait(fits);
            assertThat(world.eventsOf("W-2026-W48")).hasSize(1);
        }
    }

    @Test
    void each_tier_must_sit_above_the_one_before() {
        for (NumericTarget bad : List.of(tiers("100", "100", null), tiers("100", "120", "110"), tiers("100", null, "150"))) {
            fixture(false).givenNoPriorActivity()
                    .when(new GoalCommands.SetGoal("M-11", "E-042", "MONTH", "2026-11", null, "m", List.of(bad), List.of(), "E-042", false))
                    .expectException(DomainRuleBroken.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.either(containsString("must be above")).or(containsString("needs a stretch")));
        }
    }

    @Test
    void a_company_that_allows_stretch_targets_may_exceed_the_parent() {
        try (GoalWorld world = new GoalWorld(CLOCK, true)) {
            world.commands().sendAndWait(month());
            world.commands().sendAndWait(weekUnder("M-11", "2026-W47", "80000"));
            world.commands().sendAndWait(weekUnder("M-11", "2026-W48", "30000"));
            assertThat(world.eventsOf("W-2026-W48")).hasSize(1);
        }
    }

    @Test
    void a_child_for_someone_outside_the_parent_owners_line_is_refused() {
        GoalSet supervisorsMonth = new GoalSet("M-E100", "E-100", "MONTH", "2026-11", null, "team", List.of(), List.of(), "E-100", NOW);
        fixture(false).given(supervisorsMonth)
                .when(new GoalCommands.SetGoal("W-1", "E-777", "WEEK", "2026-W48", "M-E100", "t", List.of(), List.of(), "E-777", false))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(containsString("reporting line"));
    }

    @Test
    void a_team_goal_may_be_decomposed_to_a_member_of_the_line() {
        try (GoalWorld world = new GoalWorld(CLOCK, false)) {
            world.commands().sendAndWait(new GoalCommands.SetGoal("M-E100", "E-100", "MONTH", "2026-11", null, "team", List.of(), List.of(),
                    "E-100", false));
            world.commands().sendAndWait(new GoalCommands.SetGoal("W-1", "E-042", "WEEK", "2026-W48", "M-E100", "t", List.of(), List.of(),
                    "E-100", false));
            assertThat(world.eventsOf("W-1")).hasSize(1);
        }
    }

    @Test
    void a_revision_keeps_the_previous_targets_and_the_reason() {
        fixture(false).given(monthGoal())
                .when(new ReviseGoal("M-11", 0L, List.of(cny("payment_collection", "120000")), "new agent signed", "E-100", false))
                .expectEvents(new GoalRevised("M-11", "E-042", List.of(cny("payment_collection", "100000")),
                        List.of(cny("payment_collection", "120000")), "new agent signed", "E-100", NOW));
    }

    @Test
    void a_revision_without_a_reason_is_refused() {
        fixture(false).given(monthGoal())
                .when(new ReviseGoal("M-11", null, List.of(), " ", "E-042", false))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage("a revision needs a reason");
    }

    @Test
    void a_revision_based_on_a_stale_version_is_refused() {
        fixture(false).given(monthGoal(), new GoalRevised("M-11", "E-042", List.of(), List.of(cny("payment_collection", "1")),
                        "first", "E-042", NOW))
                .when(new ReviseGoal("M-11", 0L, List.of(cny("payment_collection", "2")), "second", "E-042", false))
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void a_stranger_may_not_revise() {
        fixture(false).given(monthGoal())
                .when(new ReviseGoal("M-11", null, List.of(), "mine now", "E-777", false))
                .expectException(NotAllowed.class);
    }

    @Test
    void an_action_is_completed_once() {
        fixture(false).given(monthGoal(), new ActionCompleted("M-11", "E-042", "A-1", "done", "E-042", NOW))
                .when(new CompleteAction("M-11", "A-1", "again", "E-042"))
                .expectException(Conflict.class);
    }

    @Test
    void completing_a_planned_action_records_the_note() {
        fixture(false).given(monthGoal())
                .when(new CompleteAction("M-11", "A-1", "agent visited", "E-042"))
                .expectEvents(new ActionCompleted("M-11", "E-042", "A-1", "agent visited", "E-042", NOW));
    }

    @Test
    void an_unknown_action_cannot_be_completed() {
        fixture(false).given(monthGoal())
                .when(new CompleteAction("M-11", "A-404", null, "E-042"))
                .expectException(NotFound.class);
    }

    @Test
    void only_the_owner_plans_actions() {
        PlannedAction call = new PlannedAction("A-2", "invite to meeting", "MEETING_INVITE", null, "C-2");
        fixture(false).given(monthGoal())
                .when(new PlanAction("M-11", call, "E-100"))
                .expectException(NotAllowed.class);
        fixture(false).given(monthGoal())
                .when(new PlanAction("M-11", call, "E-042"))
                .expectEvents(new ActionPlanned("M-11", "E-042", call, "E-042", NOW));
    }

    @Test
    void a_closed_goal_accepts_no_changes() {
        fixture(false).given(monthGoal(), new GoalClosed("M-11", "E-042", "ACHIEVED", null, "E-100", NOW))
                .when(new ReviseGoal("M-11", null, List.of(), "more", "E-042", false))
                .expectException(Conflict.class)
                .expectExceptionMessage(containsString("closed"));
    }

    @Test
    void cancelling_needs_a_reason() {
        fixture(false).given(monthGoal())
                .when(new CloseGoal("M-11", null, "CANCELLED", null, "E-100", false))
                .expectException(DomainRuleBroken.class);
        fixture(false).given(monthGoal())
                .when(new CloseGoal("M-11", null, "CANCELLED", "agent withdrew", "E-100", false))
                .expectEvents(new GoalClosed("M-11", "E-042", "CANCELLED", "agent withdrew", "E-100", NOW));
    }

    @Test
    void a_completed_action_cannot_be_removed() {
        fixture(false).given(monthGoal(), new ActionCompleted("M-11", "E-042", "A-1", "done", "E-042", NOW))
                .when(new GoalCommands.RemoveAction("M-11", "A-1", "not needed", "E-042", false))
                .expectException(Conflict.class)
                .expectExceptionMessage(containsString("cannot be removed"));
    }

    @Test
    void a_planned_action_is_removed_with_a_reason() {
        fixture(false).given(monthGoal())
                .when(new GoalCommands.RemoveAction("M-11", "A-1", null, "E-042", false))
                .expectException(DomainRuleBroken.class);
        fixture(false).given(monthGoal())
                .when(new GoalCommands.RemoveAction("M-11", "A-1", "agent postponed", "E-100", false))
                .expectEvents(new com.acme.goals.contracts.goal.ActionRemoved("M-11", "E-042", "A-1", "agent postponed", "E-100", NOW));
    }
}
