package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.contracts.scoring.WeekScored;
import com.acme.goals.team.activity.ActivityLedger;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weekly execution board (周执行看板) of an employee: the week goals against the week's actuals, the daily goals
 * with their actions, the week's CRM records by kind (each with the goal it counts for), the reports owed and how they
 * came in, the supervisors' annotations, and the latest score.
 */
@Component
public class WeekBoard {

    public record GoalLine(String goalId, String periodType, String periodKey, String title, List<GoalProgress.MetricProgress> targets,
                           List<GoalTargets.ActionState> actions, int actionsPlanned, int actionsCompleted) {
    }

    /** A CRM record of the week, named by its own id ({@code recordIdField}/{@code recordId}); {@code subject} is the sender's. */
    public record CrmRecord(String activityId, String type, String ref, String recordIdField, String recordId, String subject,
                            String customerId, LocalDate day, String at, List<ActivityLedger.Delta> deltas, String countsForGoalId) {
    }

    public record Board(String employeeId, String isoWeek, LocalDate firstDay, LocalDate lastDay, List<GoalLine> week,
                        List<GoalLine> days, Map<String, List<CrmRecord>> records, List<ReportTimeliness.Slot> reports,
                        List<ReportNotes.Note> annotations, WeekScored score) {
    }

    private final GoalTargets goals;
    private final ActivityLedger ledger;
    private final ReportTimeliness timeliness;
    private final ReportNotes notes;
    private final ScoreViews scores;

    public WeekBoard(GoalTargets goals, ActivityLedger ledger, ReportTimeliness timeliness, ReportNotes notes, ScoreViews scores) {
        this.goals = goals;
        this.ledger = ledger;
        this.timeliness = timeliness;
        this.notes = notes;
        this.scores = scores;
    }

    public Board of(String employeeId, String isoWeek) {
        Period week = Period.parse(PeriodType.WEEK, isoWeek);
        List<String> periods = week.keyAndDayKeys();
        List<ActivityLedger.Entry> entries = ledger.entries(employeeId, week.firstDay(), week.lastDay());
        Map<String, BigDecimal> weekActuals = ActivityLedger.totals(entries);
        List<GoalLine> weekGoals = new ArrayList<>();
        List<GoalLine> dayGoals = new ArrayList<>();
        for (GoalTargets.Planned planned : goals.planned(employeeId, periods)) {
            boolean isWeek = isoWeek.equals(planned.goal().periodKey());
            LocalDate day = isWeek ? null : LocalDate.parse(planned.goal().periodKey());
            Map<String, BigDecimal> actuals = isWeek ? weekActuals
                    : ActivityLedger.totals(entries.stream().filter(e -> day.equals(e.day())).toList());
            (isWeek ? weekGoals : dayGoals).add(line(planned, actuals));
        }
        String weekGoalId = weekGoals.isEmpty() ? null : weekGoals.get(0).goalId();
        Map<String, List<CrmRecord>> records = new LinkedHashMap<>();
        for (String kind : List.of("newCustomers", "opportunities", "serviceTickets", "approvals", "payments", "contracts", "visitsAndCalls")) {
            records.put(kind, new ArrayList<>());
        }
        for (ActivityLedger.Entry e : entries) {
            records.get(kind(e.type())).add(new CrmRecord(e.activityId(), e.type(), e.ref(), e.recordIdField(), e.recordId(),
                    e.subject(), e.customerId(), e.day(), e.at(),
                    e.deltas(), weekGoalId));
        }
        List<WeekScored> scored = scores.week(employeeId, isoWeek);
        return new Board(employeeId, isoWeek, week.firstDay(), week.lastDay(), weekGoals, dayGoals, records,
                timeliness.slots(employeeId, periods), notes.of(employeeId, periods), scored.isEmpty() ? null : scored.get(0));
    }

    private static GoalLine line(GoalTargets.Planned planned, Map<String, BigDecimal> actuals) {
        List<GoalProgress.MetricProgress> targets = planned.goal().targets().stream().map(t -> GoalProgress.metric(t, actuals)).toList();
        List<GoalTargets.ActionState> live = planned.actions().stream().filter(a -> !a.removed()).toList();
        return new GoalLine(planned.goal().goalId(), planned.goal().periodType(), planned.goal().periodKey(), planned.goal().title(),
                targets, planned.actions(), live.size(), (int) live.stream().filter(GoalTargets.ActionState::completed).count());
    }

    private static String kind(String type) {
        if (type.startsWith("crm.customer.")) {
            return "newCustomers";
        } else if (type.startsWith("crm.opportunity.")) {
            return "opportunities";
        } else if (type.startsWith("crm.ticket.")) {
            return "serviceTickets";
        } else if (type.startsWith("crm.approval.")) {
            return "approvals";
        } else if (type.startsWith("crm.payment.")) {
            return "payments";
        } else if (type.startsWith("crm.contract.")) {
            return "contracts";
        }
        return "visitsAndCalls";
    }
}
