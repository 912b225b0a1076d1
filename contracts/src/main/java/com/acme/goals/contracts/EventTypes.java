package com.acme.goals.contracts;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.CustomerLinked;
import com.acme.goals.contracts.goal.ActionCompleted;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.contracts.goal.GoalClosed;
import com.acme.goals.contracts.goal.GoalDecomposed;
import com.acme.goals.contracts.goal.GoalRevised;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.MetricDeclared;
import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.acme.goals.contracts.report.AnnotationAdded;
import com.acme.goals.contracts.report.AnnotationAnswered;
import com.acme.goals.contracts.report.PeriodExcused;
import com.acme.goals.contracts.report.MissingEscalated;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.ReminderDue;
import com.acme.goals.contracts.report.ReportOverdue;
import com.acme.goals.contracts.report.ReportDrafted;
import com.acme.goals.contracts.report.ReportFilled;
import com.acme.goals.contracts.report.ReportReturned;
import com.acme.goals.contracts.report.ReportReviewed;
import com.acme.goals.contracts.report.SummarySubmitted;
import com.acme.goals.contracts.scoring.LeaderboardClosed;
import com.acme.goals.contracts.scoring.LeaderboardOpened;
import com.acme.goals.contracts.scoring.MilestoneReached;
import com.acme.goals.contracts.scoring.MonthlyBehaviorTotaled;
import com.acme.goals.contracts.scoring.WeekScored;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable name of every published event: {@code <service>.<EventName>}, used as the CloudEvents
 * {@code type} on Kafka and as the payload type in the event stores, so Java class names never leak into
 * stored or published data. Renaming or moving a class is free; renaming a type is a contract change.
 */
public final class EventTypes {

    public record EventType(String name, String service, String topic, Class<? extends DomainEvent> javaType,
                            String schemaVersion) {
        public String source() {
            return "urn:" + service;
        }
    }

    private static final Map<String, EventType> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new LinkedHashMap<>();

    static {
        register("goal.EmployeeRegistered", "goal", Topics.ORG_EVENTS, EmployeeRegistered.class);
        register("goal.ReportingLineChanged", "goal", Topics.ORG_EVENTS, ReportingLineChanged.class);
        register("goal.EmployeeLeft", "goal", Topics.ORG_EVENTS, EmployeeLeft.class);
        register("goal.GoalSet", "goal", Topics.GOAL_EVENTS, GoalSet.class);
        register("goal.GoalDecomposed", "goal", Topics.GOAL_EVENTS, GoalDecomposed.class);
        register("goal.GoalRevised", "goal", Topics.GOAL_EVENTS, GoalRevised.class);
        register("goal.ActionPlanned", "goal", Topics.GOAL_EVENTS, ActionPlanned.class);
        register("goal.ActionCompleted", "goal", Topics.GOAL_EVENTS, ActionCompleted.class);
        register("goal.ActionRemoved", "goal", Topics.GOAL_EVENTS, ActionRemoved.class);
        register("goal.GoalClosed", "goal", Topics.GOAL_EVENTS, GoalClosed.class);
        register("goal.MetricDeclared", "goal", Topics.GOAL_EVENTS, MetricDeclared.class);
        register("report.ReportDrafted", "report", Topics.REPORT_EVENTS, ReportDrafted.class);
        register("report.ReportFilled", "report", Topics.REPORT_EVENTS, ReportFilled.class);
        register("report.PlanSubmitted", "report", Topics.REPORT_EVENTS, PlanSubmitted.class);
        register("report.SummarySubmitted", "report", Topics.REPORT_EVENTS, SummarySubmitted.class);
        register("report.AnnotationAdded", "report", Topics.REPORT_EVENTS, AnnotationAdded.class);
        register("report.AnnotationAnswered", "report", Topics.REPORT_EVENTS, AnnotationAnswered.class);
        register("report.ReportReturned", "report", Topics.REPORT_EVENTS, ReportReturned.class);
        register("report.ReportReviewed", "report", Topics.REPORT_EVENTS, ReportReviewed.class);
        register("report.ReportOverdue", "report", Topics.REPORT_EVENTS, ReportOverdue.class);
        register("report.PeriodExcused", "report", Topics.REPORT_EVENTS, PeriodExcused.class);
        register("report.ReminderDue", "report", Topics.REPORT_EVENTS, ReminderDue.class);
        register("report.MissingEscalated", "report", Topics.REPORT_EVENTS, MissingEscalated.class);
        register("crm.ActivityRecorded", "crm", Topics.CRM_EVENTS, ActivityRecorded.class);
        register("crm.CustomerLinked", "crm", Topics.CRM_EVENTS, CustomerLinked.class);
        register("scoring.WeekScored", "scoring", Topics.SCORING_EVENTS, WeekScored.class);
        register("scoring.MonthlyBehaviorTotaled", "scoring", Topics.SCORING_EVENTS, MonthlyBehaviorTotaled.class);
        register("scoring.LeaderboardOpened", "scoring", Topics.SCORING_EVENTS, LeaderboardOpened.class);
        register("scoring.LeaderboardClosed", "scoring", Topics.SCORING_EVENTS, LeaderboardClosed.class);
        register("scoring.MilestoneReached", "scoring", Topics.SCORING_EVENTS, MilestoneReached.class);
    }

    private static void register(String name, String service, String topic, Class<? extends DomainEvent> type) {
        EventType eventType = new EventType(name, service, topic, type, "1");
        BY_NAME.put(name, eventType);
        BY_CLASS.put(type, eventType);
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<EventType> byClass(Class<?> type) {
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    public static java.util.Collection<EventType> all() {
        return BY_NAME.values();
    }

    private EventTypes() {
    }
}
