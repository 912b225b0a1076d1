package com.acme.goals.goal.domain;

import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.goal.domain.GoalCommands.ApplyDailySchedule.ScheduledAction;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a weekly plan's daily schedule into DAY goals under the owner's WEEK goal. Ids are derived from the report,
 * the day and the action, so applying the same schedule twice changes nothing, and a revised schedule adds the new
 * actions and takes off those no longer planned (completed ones stay: they happened).
 */
public class WeeklyPlanning {

    private static final Logger log = LoggerFactory.getLogger(WeeklyPlanning.class);
    private final Repository<Goal> goals;
    private final Clock clock;

    public WeeklyPlanning(Repository<Goal> goals, Clock clock) {
        this.goals = goals;
        this.clock = clock;
    }

    @CommandHandler
    public List<String> handle(GoalCommands.ApplyDailySchedule command) throws Exception {
        Period week = Period.parse(command.weekKey());
        List<String> dayGoals = new ArrayList<>();
        for (var entry : command.days().entrySet()) {
            LocalDate day = week.firstDay().plusDays(DayOfWeek.valueOf(entry.getKey()).getValue() - 1L);
            String goalId = derived("G", command.reportId(), day.toString());
            List<PlannedAction> actions = new ArrayList<>();
            List<ScheduledAction> scheduled = entry.getValue();
            for (int i = 0; i < scheduled.size(); i++) {
                ScheduledAction a = scheduled.get(i);
                actions.add(new PlannedAction(derived("A", goalId, i + "|" + a.kind() + "|" + a.title() + "|" + a.customerId()),
                        a.title(), a.kind(), day, a.customerId()));
            }
            Aggregate<Goal> existing = find(goalId);
            if (existing == null) {
                GoalCommands.SetGoal set = new GoalCommands.SetGoal(goalId, command.ownerId(), "DAY", day.toString(), command.weekGoalId(),
                        "daily plan " + day, List.of(), actions, command.ownerId(), false);
                goals.newInstance(() -> new Goal(set, clock));
                if (command.weekGoalId() != null) {
                    goals.load(command.weekGoalId()).execute(w -> w.decompose(goalId, command.ownerId(), Period.day(day), List.of(), true, clock));
                }
            } else {
                reconcile(existing, actions);
            }
            dayGoals.add(goalId);
        }
        log.info("daily schedule of report {} applied: {} DAY goals of {} in {}", command.reportId(), dayGoals.size(),
                command.ownerId(), command.weekKey());
        return dayGoals;
    }

    private void reconcile(Aggregate<Goal> goal, List<PlannedAction> wanted) {
        Set<String> wantedIds = new LinkedHashSet<>();
        wanted.forEach(a -> wantedIds.add(a.actionId()));
        goal.execute(g -> {
            if (g.isClosed()) {
                return;
            }
            for (PlannedAction action : wanted) {
                if (!g.hasAction(action.actionId())) {
                    g.planAction(action, g.ownerId(), clock);
                }
            }
            for (String planned : g.openActionIds()) {
                if (!wantedIds.contains(planned)) {
                    g.removeAction(planned, "no longer in the resubmitted weekly plan", g.ownerId(), clock);
                }
            }
        });
    }

    private Aggregate<Goal> find(String goalId) {
        try {
            return goals.load(goalId);
        } catch (AggregateNotFoundException e) {
            return null;
        }
    }

    static String derived(String prefix, String... parts) {
        return prefix + "-" + UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

}
