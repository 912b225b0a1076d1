package com.acme.goals.goal.command;

import java.util.List;
import java.util.Map;

/**
 * A submitted weekly plan's daily schedule (日程安排): per weekday, the actions planned for that day. Applying it
 * again (after a return and resubmission) brings the DAY goals in line; it never duplicates them.
 */
public record ApplyDailySchedule(String reportId, String ownerId, String weekKey, String weekGoalId,
                                 Map<String, List<ScheduledAction>> days) {

    public record ScheduledAction(String title, String kind, String customerId) {
    }
}
