package com.acme.goals.goal.domain;

import com.acme.goals.contracts.goal.ActionCompleted;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.contracts.goal.GoalDecomposed;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.goal.domain.GoalCommands.ApplyDailySchedule.ScheduledAction;
import com.acme.goals.goal.domain.GoalCommands.CompleteAction;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A weekly plan's daily schedule becomes DAY goals under the WEEK goal, once, and follows resubmissions. */
class WeeklyPlanningTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);

    private static Map<String, List<ScheduledAction>> schedule(String tuesdayTitle) {
        Map<String, List<ScheduledAction>> days = new LinkedHashMap<>();
        days.put("MONDAY", List.of(new ScheduledAction("visit the agent", "VISIT", "C-1001")));
        days.put("TUESDAY", List.of(new ScheduledAction(tuesdayTitle, "MEETING_INVITE", "C-1002")));
        return days;
    }

    private static List<String> dayGoals(GoalWorld world, String weekKey, Map<String, List<ScheduledAction>> days) {
        return world.commands().sendAndWait(new GoalCommands.ApplyDailySchedule("R-1", "E-042", weekKey, "W-48", days));
    }

    @Test
    void the_schedule_becomes_day_goals_under_the_week_goal_and_applying_it_again_changes_nothing() {
        try (GoalWorld world = new GoalWorld(CLOCK, false)) {
            world.commands().sendAndWait(new GoalCommands.SetGoal("W-48", "E-042", "WEEK", "2026-W48", null, "week 48", List.of(), List.of(),
                    "E-042", false));
            List<String> ids = dayGoals(world, "2026-W48", schedule("invite to the product meeting"));
            assertThat(ids).hasSize(2);
            GoalSet monday = (GoalSet) world.eventsOf(ids.get(0)).get(0);
            assertThat(monday.periodKey()).isEqualTo("2026-11-23");
            assertThat(monday.parentGoalId()).isEqualTo("W-48");
            assertThat(monday.actions()).singleElement().satisfies(a -> assertThat(a.customerId()).isEqualTo("C-1001"));
            assertThat(((GoalSet) world.eventsOf(ids.get(1)).get(0)).periodKey()).isEqualTo("2026-11-24");
            assertThat(world.eventsOf("W-48")).filteredOn(GoalDecomposed.class::isInstance).hasSize(2);

            assertThat(dayGoals(world, "2026-W48", schedule("invite to the product meeting"))).isEqualTo(ids);
            assertThat(world.eventsOf(ids.get(0))).hasSize(1);
            assertThat(world.eventsOf(ids.get(1))).hasSize(1);
            assertThat(world.eventsOf("W-48")).filteredOn(GoalDecomposed.class::isInstance).hasSize(2);
        }
    }

    @Test
    void a_resubmitted_schedule_adds_new_actions_and_takes_off_old_ones_but_never_completed_ones() {
        try (GoalWorld world = new GoalWorld(CLOCK, false)) {
            world.commands().sendAndWait(new GoalCommands.SetGoal("W-48", "E-042", "WEEK", "2026-W48", null, "week 48", List.of(), List.of(),
                    "E-042", false));
            List<String> ids = dayGoals(world, "2026-W48", schedule("invite to the product meeting"));
            String mondayAction = ((GoalSet) world.eventsOf(ids.get(0)).get(0)).actions().get(0).actionId();
            world.commands().sendAndWait(new CompleteAction(ids.get(0), mondayAction, "done", "E-042"));

            Map<String, List<ScheduledAction>> revised = schedule("call about the Q1 plan");
            revised.put("MONDAY", List.of(new ScheduledAction("visit another agent", "VISIT", "C-1009")));
            dayGoals(world, "2026-W48", revised);

            List<Object> tuesday = world.eventsOf(ids.get(1));
            assertThat(tuesday).filteredOn(ActionPlanned.class::isInstance).hasSize(1);
            assertThat(tuesday).filteredOn(ActionRemoved.class::isInstance).hasSize(1);
            List<Object> monday = world.eventsOf(ids.get(0));
            assertThat(monday).filteredOn(ActionCompleted.class::isInstance).hasSize(1);
            assertThat(monday).filteredOn(ActionRemoved.class::isInstance).isEmpty(); // it happened; it stays
            assertThat(monday).filteredOn(ActionPlanned.class::isInstance).hasSize(1);
        }
    }
}
