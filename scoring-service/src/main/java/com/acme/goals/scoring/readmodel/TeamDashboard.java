package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.team.org.OrgChart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The team dashboard (团队看板) of a supervisor for a week or a month: for everyone in the line below, their goals'
 * completion, how their reports came in, and their score; paginated, ordered by employee or by score.
 */
@Component
public class TeamDashboard {

    public record Member(String employeeId, String supervisorId, BigDecimal completionPercent, int goals, int reportsOnTime,
                         int reportsLate, int reportsMissing, int reportsExcused, BigDecimal score, BigDecimal payFactor) {
    }

    public record Page(String supervisorId, String periodKey, int page, int size, int total, String sort, List<Member> members) {
    }

    private final OrgChart orgChart;
    private final GoalTargets goals;
    private final ActivityLedger ledger;
    private final ReportTimeliness timeliness;
    private final ScoreViews scores;

    public TeamDashboard(OrgChart orgChart, GoalTargets goals, ActivityLedger ledger, ReportTimeliness timeliness, ScoreViews scores) {
        this.orgChart = orgChart;
        this.goals = goals;
        this.ledger = ledger;
        this.timeliness = timeliness;
        this.scores = scores;
    }

    /**
     * The line below comes from one read; the order needs only the scores (one lookup per member on an index). The
     * rest (actuals, goals, reports) is read for the page only, so a page of a company of 10,000 costs about what a
     * page of a team of 50 does.
     *
     * @param period a WEEK or MONTH period
     */
    public Page of(String supervisorId, Period period, String sort, int page, int size) {
        Map<String, String> supervisorOf = new java.util.HashMap<>();
        List<String> team = new ArrayList<>();
        for (OrgChart.Placed placed : orgChart.below(supervisorId)) {
            if (placed.leftAt() == null) {
                team.add(placed.employeeId());
                supervisorOf.put(placed.employeeId(), placed.supervisorId());
            }
        }
        Map<String, BigDecimal> scoreOf = new java.util.HashMap<>();
        Map<String, BigDecimal> payFactorOf = new java.util.HashMap<>();
        if (period.type() == PeriodType.WEEK) {
            scores.latestWeeks(team, period.key()).forEach((id, week) -> scoreOf.put(id, week.total()));
        } else {
            scores.latestMonths(team, period.key()).forEach((id, month) -> {
                scoreOf.put(id, month.total());
                payFactorOf.put(id, month.payFactor());
            });
        }
        Comparator<String> order = "score".equals(sort)
                ? Comparator.<String, BigDecimal>comparing(scoreOf::get, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        team.sort(order);
        int from = Math.min(page * size, team.size());
        List<String> shown = team.subList(from, Math.min(from + size, team.size()));
        // one query per read model for the page, not one per member
        Map<String, Map<String, BigDecimal>> actuals = ledger.totalsByOwner(shown, period.firstDay(), period.lastDay());
        Map<String, List<GoalTargets.Goal>> goalsOf = goals.ofOwners(shown, period.key());
        Map<String, ReportTimeliness.Counts> reports = timeliness.counts(shown, periodKeys(period));
        List<Member> members = new ArrayList<>();
        for (String employeeId : shown) {
            members.add(member(employeeId, supervisorOf.get(employeeId), actuals.get(employeeId), goalsOf.get(employeeId),
                    reports.get(employeeId), scoreOf.get(employeeId), payFactorOf.get(employeeId)));
        }
        return new Page(supervisorId, period.key(), page, size, team.size(), "score".equals(sort) ? "score" : "employeeId", members);
    }

    private Member member(String employeeId, String supervisorId, Map<String, BigDecimal> actuals, List<GoalTargets.Goal> own,
                          ReportTimeliness.Counts reports, BigDecimal score, BigDecimal payFactor) {
        BigDecimal sum = BigDecimal.ZERO;
        int counted = 0;
        for (GoalTargets.Goal goal : own) {
            for (NumericTarget t : goal.targets()) {
                BigDecimal percent = GoalProgress.metric(t, actuals).completionPercent();
                if (percent != null) {
                    sum = sum.add(percent);
                    counted++;
                }
            }
        }
        BigDecimal completion = counted == 0 ? null : sum.divide(BigDecimal.valueOf(counted), 2, RoundingMode.HALF_UP);
        return new Member(employeeId, supervisorId, completion, own.size(),
                reports.onTime(), reports.late(), reports.missing(), reports.excused(), score, payFactor);
    }

    /** The period itself, its days, and for a month the weeks it owns (Thursday rule). */
    private static List<String> periodKeys(Period period) {
        List<String> keys = new ArrayList<>(period.keyAndDayKeys());
        if (period.type() == PeriodType.MONTH) {
            Period.weeksOf(YearMonth.parse(period.key())).forEach(w -> keys.add(w.key()));
        }
        return keys;
    }
}
