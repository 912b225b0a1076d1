package com.acme.goals.goal.command;

import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.platform.errors.DomainRuleBroken;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A goal (目标) = numeric targets + planned actions, for one owner and one period of the goal tree. */
@Aggregate
public class Goal {

    static final String CONTRACT = "contract_amount";
    static final String ASSESSMENT = "assessment_amount";
    private static final Set<String> CUSTOMER_ACTIONS = Set.of("VISIT", "CALL", "MEETING_INVITE");
    private static final Set<String> ACTION_KINDS = Set.of("VISIT", "CALL", "MEETING_INVITE", "MARKET_ACTIVITY",
            "AGENT_TRAINING", "ROUTINE", "SPECIAL");

    @AggregateIdentifier
    private String goalId;
    private String ownerId;

    protected Goal() {
    }

    /** Created by {@link GoalPlanning}, which checks who may set a goal for whom. */
    Goal(SetGoal command, Clock clock) {
        PeriodType type = periodType(command.periodType());
        try {
            Period.parse(type, command.periodKey());
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
        List<NumericTarget> targets = Optional.ofNullable(command.numericTargets()).orElse(List.of());
        checkTargets(targets);
        List<PlannedAction> actions = Optional.ofNullable(command.actions()).orElse(List.of());
        checkActions(actions);
        apply(new GoalSet(command.goalId(), command.ownerId(), type.name(),
                type == PeriodType.EVENT ? null : command.periodKey(), command.parentGoalId(), command.title(),
                List.copyOf(targets), List.copyOf(actions), command.setBy(), clock.instant()));
    }

    private static PeriodType periodType(String value) {
        try {
            return PeriodType.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainRuleBroken("periodType", "periodType '" + value
                    + "' is none of YEAR, QUARTER, MONTH, WEEK, DAY, EVENT");
        }
    }

    private static void checkTargets(List<NumericTarget> targets) {
        Set<String> metrics = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            NumericTarget t = targets.get(i);
            String field = "numericTargets[" + i + "]";
            if (t.metric() == null || !t.metric().matches("[a-z][a-z0-9_]{0,63}")) {
                throw new DomainRuleBroken(field + ".metric", "metric '" + t.metric()
                        + "' must be a snake_case name such as payment_collection");
            }
            if (t.target() == null || t.target().signum() < 0) {
                throw new DomainRuleBroken(field + ".target", "target of " + t.metric() + " must be zero or more");
            }
            if (t.unit() == null || t.unit().isBlank()) {
                throw new DomainRuleBroken(field + ".unit", "unit of " + t.metric() + " is required (a currency such as CNY, or count)");
            }
            if (!metrics.add(t.metric() + "|" + t.unit())) {
                throw new DomainRuleBroken(field + ".metric", "metric " + t.metric() + " appears twice");
            }
        }
        Optional<BigDecimal> contract = targetOf(targets, CONTRACT);
        Optional<BigDecimal> assessment = targetOf(targets, ASSESSMENT);
        if (contract.isPresent() && assessment.isPresent() && contract.get().compareTo(assessment.get()) <= 0) {
            throw new DomainRuleBroken("numericTargets", "the contract task (contract_amount " + contract.get().toPlainString()
                    + ") must be greater than the assessment task (assessment_amount " + assessment.get().toPlainString() + ")");
        }
    }

    private static Optional<BigDecimal> targetOf(List<NumericTarget> targets, String metric) {
        return targets.stream().filter(t -> metric.equals(t.metric())).map(NumericTarget::target).findFirst();
    }

    private static void checkActions(List<PlannedAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            PlannedAction a = actions.get(i);
            String field = "actions[" + i + "]";
            if (a.title() == null || a.title().isBlank()) {
                throw new DomainRuleBroken(field + ".title", "an action needs a title");
            }
            if (!ACTION_KINDS.contains(a.kind())) {
                throw new DomainRuleBroken(field + ".kind", "kind '" + a.kind() + "' is none of " + ACTION_KINDS);
            }
            if (CUSTOMER_ACTIONS.contains(a.kind()) && (a.customerId() == null || a.customerId().isBlank())) {
                throw new DomainRuleBroken(field + ".customerId", "a " + a.kind() + " is customer-related and must name a customer");
            }
        }
    }

    @EventSourcingHandler
    void on(GoalSet event) {
        this.goalId = event.goalId();
        this.ownerId = event.ownerId();
    }

    String ownerId() {
        return ownerId;
    }
}
