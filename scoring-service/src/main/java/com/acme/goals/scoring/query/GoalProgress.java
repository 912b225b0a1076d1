package com.acme.goals.scoring.query;

import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.platform.activity.ActivityLedger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * A goal's targets against what the CRM recorded for its owner inside its period. Actuals come from activity,
 * never from children's targets; completion is computed on read, never stored.
 */
public class GoalProgress {

    public record MetricProgress(String metric, String unit, BigDecimal target, BigDecimal actual, BigDecimal completionPercent) {
    }

    public record View(String goalId, String ownerId, String periodType, String periodKey, String title,
                       List<MetricProgress> metrics) {
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
        PeriodType type = PeriodType.valueOf(goal.periodType());
        Map<String, BigDecimal> totals = type == PeriodType.EVENT ? Map.of() : totalsOf(goal, Period.parse(type, goal.periodKey()));
        List<MetricProgress> metrics = goal.targets().stream().map(t -> metric(t, totals)).toList();
        return new View(goal.goalId(), goal.ownerId(), goal.periodType(), goal.periodKey(), goal.title(), metrics);
    }

    private Map<String, BigDecimal> totalsOf(GoalTargets.Goal goal, Period period) {
        return ledger.totals(goal.ownerId(), period.firstDay(), period.lastDay());
    }

    static MetricProgress metric(NumericTarget target, Map<String, BigDecimal> totals) {
        BigDecimal actual = totals.getOrDefault(target.metric() + "|" + target.unit(), BigDecimal.ZERO);
        BigDecimal percent = target.target().signum() == 0 ? null
                : actual.multiply(BigDecimal.valueOf(100)).divide(target.target(), 2, RoundingMode.HALF_UP);
        return new MetricProgress(target.metric(), target.unit(), target.target(), actual, percent);
    }
}
