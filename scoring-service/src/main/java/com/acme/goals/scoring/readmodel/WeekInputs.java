package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.contracts.scoring.WeekScored;
import com.acme.goals.team.activity.ActivityLedger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a week score is computed from: the week goals' targets against the CRM actuals of the week, the actions
 * planned on the week and its days, and the reports due in it.
 */
@Component
public class WeekInputs {

    private final GoalTargets goals;
    private final ActivityLedger ledger;
    private final ReportTimeliness timeliness;

    public WeekInputs(GoalTargets goals, ActivityLedger ledger, ReportTimeliness timeliness) {
        this.goals = goals;
        this.ledger = ledger;
        this.timeliness = timeliness;
    }

    public WeekScored.Inputs read(String employeeId, String isoWeek, int behaviorRating) {
        Period week = Period.parse(PeriodType.WEEK, isoWeek);
        Map<String, NumericTarget> targets = new LinkedHashMap<>();
        for (GoalTargets.Goal goal : goals.ofOwner(employeeId, isoWeek)) {
            for (NumericTarget t : goal.targets()) {
                targets.merge(t.metric() + "|" + t.unit(), t, WeekInputs::sum);
            }
        }
        Map<String, BigDecimal> actuals = ledger.totals(employeeId, week.firstDay(), week.lastDay());
        List<WeekScored.MetricResult> metrics = new ArrayList<>();
        targets.forEach((key, t) -> metrics.add(new WeekScored.MetricResult(t.metric(), t.unit(), t.target(),
                actuals.getOrDefault(key, BigDecimal.ZERO), t.stretch(), t.challenge())));
        List<String> periods = week.keyAndDayKeys();
        GoalTargets.ActionCount actions = goals.actions(employeeId, periods);
        ReportTimeliness.Counts reports = timeliness.counts(employeeId, periods);
        return new WeekScored.Inputs(metrics, actions.planned(), actions.completed(), reports.onTime(), reports.late(),
                reports.missing(), behaviorRating);
    }

    /** Two goals of the week on one metric: targets add up, and so do tier levels (a goal without one counts its target). */
    static NumericTarget sum(NumericTarget a, NumericTarget b) {
        BigDecimal stretch = a.stretch() == null && b.stretch() == null ? null
                : a.level(NumericTarget.Tier.STRETCH).add(b.level(NumericTarget.Tier.STRETCH));
        BigDecimal challenge = a.challenge() == null && b.challenge() == null ? null
                : a.level(NumericTarget.Tier.CHALLENGE).add(b.level(NumericTarget.Tier.CHALLENGE));
        return new NumericTarget(a.metric(), a.target().add(b.target()), a.unit(), stretch, challenge);
    }
}
