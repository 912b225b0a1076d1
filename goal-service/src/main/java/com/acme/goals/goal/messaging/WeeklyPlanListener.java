package com.acme.goals.goal.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.goal.domain.GoalCommands.ApplyDailySchedule;
import com.acme.goals.goal.domain.GoalCommands.ApplyDailySchedule.ScheduledAction;
import com.acme.goals.goal.readmodel.GoalProjection;
import com.acme.goals.goal.readmodel.GoalView;
import com.acme.goals.platform.feed.EventFeed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Listens for submitted weekly plans on {@code report.events}: a field shaped as a daily schedule (MONDAY…SATURDAY,
 * each a list of actions) becomes DAY goals under the owner's WEEK goal for that week.
 */
@Component
public class WeeklyPlanListener extends EventFeed {

    private static final Logger log = LoggerFactory.getLogger(WeeklyPlanListener.class);
    private static final Set<String> DAYS = Set.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY");

    public WeeklyPlanListener(CommandGateway commands, GoalProjection goals) {
        super("weekly-plans", Topics.REPORT_EVENTS);
        on(PlanSubmitted.class, (plan, envelope) -> {
            if (!plan.periodKey().contains("-W")) {
                return;
            }
            schedule(plan.fields()).ifPresent(days -> {
                String weekGoal = goals.list(plan.ownerId(), plan.periodKey(), 0, 50).items().stream()
                        .filter(g -> "WEEK".equals(g.periodType()) && "OPEN".equals(g.status()))
                        .map(GoalView::goalId).findFirst().orElse(null);
                if (weekGoal == null) {
                    log.warn("weekly plan {} of {}: no open WEEK goal for {}; DAY goals are set without a parent",
                            plan.reportId(), plan.ownerId(), plan.periodKey());
                }
                commands.sendAndWait(new ApplyDailySchedule(plan.reportId(), plan.ownerId(), plan.periodKey(), weekGoal, days));
            });
        });
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, List<ScheduledAction>>> schedule(Map<String, Object> fields) {
        for (Object value : fields.values()) {
            if (value instanceof Map<?, ?> map && !map.isEmpty() && DAYS.containsAll(map.keySet())) {
                Map<String, List<ScheduledAction>> days = new LinkedHashMap<>();
                for (var day : map.entrySet()) {
                    List<ScheduledAction> actions = new ArrayList<>();
                    for (Object a : (List<Object>) day.getValue()) {
                        Map<String, Object> action = (Map<String, Object>) a;
                        actions.add(new ScheduledAction((String) action.get("title"), (String) action.get("kind"),
                                (String) action.get("customerId")));
                    }
                    days.put((String) day.getKey(), actions);
                }
                return Optional.of(days);
            }
        }
        return Optional.empty();
    }
}
