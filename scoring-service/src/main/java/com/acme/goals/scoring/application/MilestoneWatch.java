package com.acme.goals.scoring.application;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.messaging.ProjectionLag;
import com.acme.goals.scoring.domain.GoalMilestones;
import com.acme.goals.scoring.domain.GoalMilestonesCommands;
import com.acme.goals.scoring.readmodel.GoalProgress;
import com.acme.goals.scoring.readmodel.GoalTargets;
import com.acme.goals.team.activity.LedgerWatcher;
import com.acme.goals.team.org.OrgChart;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Milestones (50%, 90%, 100% of a target): the ledger tells which owners and days a batch touched; every few seconds
 * their goals of the periods holding those days, and the goals above them (a team's goal counts its line), are read
 * and any metric past a threshold is reported to the goal's {@link GoalMilestones}, which raises each milestone once.
 * A goal set or revised is checked as well (its activity may have landed first). Off the ingest path on purpose: a
 * burst of payments costs one check per goal, not one per payment. What was touched
 * since the last check is kept in memory: after a crash, a goal is checked again at its owner's next activity.
 */
@Component
public class MilestoneWatch implements LedgerWatcher {

    private static final Logger log = LoggerFactory.getLogger(MilestoneWatch.class);
    private final Map<String, Set<LocalDate>> touched = new ConcurrentHashMap<>();
    private final Set<String> changedGoals = ConcurrentHashMap.newKeySet();
    private final GoalTargets goals;
    private final GoalProgress progress;
    private final OrgChart orgChart;
    private final CommandGateway commands;
    private final ReadModelRebuild rebuild;
    private final ProjectionLag lag;
    private volatile Instant replayedAfter;
    private volatile Replay replay;

    public MilestoneWatch(GoalTargets goals, GoalProgress progress, OrgChart orgChart, CommandGateway commands,
                          ReadModelRebuild rebuild, ProjectionLag lag) {
        this.goals = goals;
        this.progress = progress;
        this.orgChart = orgChart;
        this.commands = commands;
        this.rebuild = rebuild;
        this.lag = lag;
    }

    /**
     * While a rebuild replays the topics, goals come back with their first targets before their revisions: a check then
     * could raise a milestone of a target that no longer holds. What is touched meanwhile waits for the replay's end:
     * every group past where its topics ended once the rebuild had finished (not "no lag", which a steady stream of
     * activity may never show).
     */
    private boolean replaying() {
        var status = rebuild.status().orElse(null);
        if (status == null) {
            return false;
        }
        if (status.state().equals("RUNNING")) {
            return true;
        }
        if (status.finishedAt() == null || status.finishedAt().equals(replayedAfter)) {
            return false;
        }
        try {
            Replay now = replay;
            if (now == null || !now.finishedAt().equals(status.finishedAt())) {
                now = new Replay(status.finishedAt(), lag.mark());
                replay = now;
            }
            if (lag.reached(now.end())) {
                replayedAfter = status.finishedAt();
                log.info("milestone checks resume: the rebuild finished at {} has been replayed", status.finishedAt());
                return false;
            }
            return true;
        } catch (Exception e) {
            return true; // cannot tell: wait for the next check
        }
    }

    /** A finished rebuild and where its topics ended once it had finished. */
    private record Replay(Instant finishedAt, ProjectionLag.Mark end) {
    }

    @Override
    public void recorded(List<ActivityRecorded> batch) {
        for (ActivityRecorded a : batch) {
            touched.computeIfAbsent(a.ownerId(), o -> ConcurrentHashMap.newKeySet()).add(a.day());
        }
    }

    /** A goal set or revised: checked too, so activity that landed before its goal was projected still counts. */
    public void goalChanged(String goalId) {
        changedGoals.add(goalId);
    }

    @Scheduled(fixedDelayString = "${goals.milestones.check-interval:PT5S}", initialDelayString = "${goals.milestones.check-interval:PT5S}")
    public void check() {
        if (replaying()) {
            return;
        }
        Map<String, Set<LocalDate>> now = new HashMap<>();
        for (String owner : List.copyOf(touched.keySet())) {
            Set<LocalDate> days = touched.remove(owner);
            if (days != null) {
                now.put(owner, days);
            }
        }
        Set<String> goalIds = new LinkedHashSet<>();
        for (String goalId : List.copyOf(changedGoals)) {
            changedGoals.remove(goalId);
            goals.find(goalId).ifPresent(goal -> withAncestors(goal, goalIds));
        }
        now.forEach((owner, days) -> {
            Set<String> keys = new LinkedHashSet<>();
            for (LocalDate d : days) {
                keys.add(Period.day(d).key());
                keys.add(Period.weekOf(d).key());
                keys.add(YearMonth.from(d).toString());
                keys.add(Period.quarter(d.getYear(), (d.getMonthValue() - 1) / 3 + 1).key());
                keys.add(Period.year(d.getYear()).key());
            }
            for (GoalTargets.Goal goal : goals.ofOwner(owner, keys)) {
                withAncestors(goal, goalIds);
            }
        });
        for (String goalId : goalIds) {
            try {
                report(goalId);
            } catch (RuntimeException e) {
                log.warn("milestones of goal {} not checked: {}", goalId, e.getMessage());
            }
        }
    }

    private void withAncestors(GoalTargets.Goal goal, Set<String> ids) {
        Optional<GoalTargets.Goal> at = Optional.of(goal);
        while (at.isPresent() && ids.add(at.get().goalId())) {
            at = Optional.ofNullable(at.get().parentGoalId()).flatMap(goals::find);
        }
    }

    private void report(String goalId) {
        GoalProgress.View view = progress.of(goalId).orElse(null);
        if (view == null) {
            return;
        }
        List<GoalMilestonesCommands.Standing> passed = new ArrayList<>();
        for (GoalProgress.MetricProgress m : view.metrics()) {
            if (m.target().signum() > 0 && m.actual().multiply(BigDecimal.valueOf(2)).compareTo(m.target()) >= 0) {
                passed.add(new GoalMilestonesCommands.Standing(m.metric(), m.unit(), m.target(), m.actual()));
            }
        }
        if (passed.isEmpty()) {
            return;
        }
        List<String> notified = new ArrayList<>();
        notified.add(view.ownerId());
        orgChart.find(view.ownerId()).map(e -> e.supervisorId()).ifPresent(notified::add);
        notified.removeIf(id -> id == null || orgChart.leftAt(id).isPresent()); // never to someone who has left
        commands.sendAndWait(new GoalMilestonesCommands.RecordProgress(GoalMilestones.id(goalId), goalId, view.ownerId(),
                view.periodKey(), passed, notified));
    }
}
