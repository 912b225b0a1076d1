package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.team.activity.ActivityLedger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * A goal's targets against what the CRM recorded inside its period for the owners of the goal and of everything
 * decomposed from it (a director's month counts the team's activity). Actuals come from activity, never from
 * children's targets; completion is computed on read, never stored. Actions are counted over the whole subtree.
 */
@Component
public class GoalProgress {

    /** {@code tier}: the highest level the actual reached (BELOW, TARGET 目标, STRETCH 冲刺, CHALLENGE 挑战). */
    public record MetricProgress(String metric, String unit, BigDecimal target, BigDecimal actual, BigDecimal completionPercent,
                                 BigDecimal stretch, BigDecimal challenge, NumericTarget.Tier tier) {
    }

    /** Planned (not removed) and completed actions of the goal and its descendants. */
    public record Actions(int planned, int completed, BigDecimal completionPercent) {
    }

    public record View(String goalId, String ownerId, String periodType, String periodKey, String title,
                       List<MetricProgress> metrics, List<String> owners, Actions actions, int descendants) {
    }

    private final GoalTargets goals;
    private final ActivityLedger ledger;

    public GoalProgress(GoalTargets goals, ActivityLedger ledger) {
        this.goals = goals;
        this.ledger = ledger;
    }

    public java.util.Optional<View> of(String goalId) {
        return goals.find(goalId).map(this::progress);
    }

    private View progress(GoalTargets.Goal goal) {
        List<GoalTargets.Planned> subtree = new java.util.ArrayList<>();
        goals.plannedGoal(goal.goalId()).ifPresent(subtree::add);
        List<GoalTargets.Planned> descendants = goals.descendants(goal.goalId());
        subtree.addAll(descendants);
        java.util.Set<String> owners = new java.util.TreeSet<>();
        owners.add(goal.ownerId());
        int planned = 0;
        int completed = 0;
        for (GoalTargets.Planned p : subtree) {
            owners.add(p.goal().ownerId());
            for (GoalTargets.ActionState a : p.actions()) {
                if (!a.removed()) {
                    planned++;
                    completed += a.completed() ? 1 : 0;
                }
            }
        }
        PeriodType type = PeriodType.valueOf(goal.periodType());
        Map<String, BigDecimal> totals = type == PeriodType.EVENT ? Map.of() : totalsOf(owners, Period.parse(type, goal.periodKey()));
        List<MetricProgress> metrics = goal.targets().stream().map(t -> metric(t, totals)).toList();
        Actions actions = new Actions(planned, completed, planned == 0 ? null
                : BigDecimal.valueOf(completed * 100L).divide(BigDecimal.valueOf(planned), 2, RoundingMode.HALF_UP));
        return new View(goal.goalId(), goal.ownerId(), goal.periodType(), goal.periodKey(), goal.title(), metrics,
                List.copyOf(owners), actions, descendants.size());
    }

    private Map<String, BigDecimal> totalsOf(java.util.Set<String> owners, Period period) {
        Map<String, BigDecimal> totals = new java.util.HashMap<>();
        ledger.totalsByOwner(owners, period.firstDay(), period.lastDay()).values()
                .forEach(ofOwner -> ofOwner.forEach((k, v) -> totals.merge(k, v, BigDecimal::add)));
        return totals;
    }

    static MetricProgress metric(NumericTarget target, Map<String, BigDecimal> totals) {
        BigDecimal actual = totals.getOrDefault(target.metric() + "|" + target.unit(), BigDecimal.ZERO);
        BigDecimal percent = target.target().signum() == 0 ? null
                : actual.multiply(BigDecimal.valueOf(100)).divide(target.target(), 2, RoundingMode.HALF_UP);
        return new MetricProgress(target.metric(), target.unit(), target.target(), actual, percent, target.stretch(),
                target.challenge(), target.reached(actual));
    }
}
