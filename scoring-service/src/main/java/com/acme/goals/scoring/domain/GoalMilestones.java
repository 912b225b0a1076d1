package com.acme.goals.scoring.domain;

import com.acme.goals.contracts.scoring.MilestoneReached;
import com.acme.goals.scoring.domain.GoalMilestonesCommands.RecordProgress;
import com.acme.goals.scoring.domain.GoalMilestonesCommands.Standing;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The milestones (50%, 90%, 100% of a target) a goal's metrics have passed. Each is raised once per goal, metric and
 * threshold, however often progress is reported and even if the actual later drops below it again.
 */
@Aggregate
public class GoalMilestones {

    public static final List<Integer> THRESHOLDS = List.of(50, 90, 100);

    @AggregateIdentifier
    private String milestonesId;
    private final Set<String> reached = new HashSet<>();

    protected GoalMilestones() {
    }

    public static String id(String goalId) {
        return "milestones-" + goalId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordProgress command, Clock clock) {
        for (Standing m : command.metrics()) {
            if (m.target() == null || m.target().signum() <= 0) {
                continue;
            }
            for (int percent : THRESHOLDS) {
                BigDecimal level = m.target().multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100));
                if (m.actual().compareTo(level) >= 0 && !reached.contains(key(m.metric(), m.unit(), percent))) {
                    apply(command, m, percent, clock);
                }
            }
        }
        if (milestonesId == null) {
            milestonesId = command.milestonesId(); // nothing reached yet: the aggregate exists, with nothing recorded
        }
    }

    private static void apply(RecordProgress command, Standing m, int percent, Clock clock) {
        org.axonframework.modelling.command.AggregateLifecycle.apply(new MilestoneReached(command.goalId(), command.ownerId(),
                command.periodKey(), m.metric(), m.unit(), percent, m.target(), m.actual(), List.copyOf(command.notifiedIds()),
                clock.instant()));
    }

    private static String key(String metric, String unit, int percent) {
        return metric + "|" + unit + "|" + percent;
    }

    @EventSourcingHandler
    void on(MilestoneReached event) {
        milestonesId = id(event.goalId());
        reached.add(key(event.metric(), event.unit(), event.percent()));
    }
}
