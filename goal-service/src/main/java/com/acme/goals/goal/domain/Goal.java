package com.acme.goals.goal.domain;

import com.acme.goals.contracts.goal.ActionCompleted;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.contracts.goal.GoalClosed;
import com.acme.goals.contracts.goal.GoalDecomposed;
import com.acme.goals.contracts.goal.GoalRevised;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A goal (目标) = numeric targets + planned actions, for one owner and one period of the goal tree. Holds the
 * rules that need only the goal itself; rules that span goals or people live in {@link GoalPlanning}.
 */
@Aggregate
public class Goal {

    static final String CONTRACT = "contract_amount";
    static final String ASSESSMENT = "assessment_amount";
    private static final Set<String> CUSTOMER_ACTIONS = Set.of("VISIT", "CALL", "MEETING_INVITE");
    private static final Set<String> ACTION_KINDS = Set.of("VISIT", "CALL", "MEETING_INVITE", "MARKET_ACTIVITY",
            "AGENT_TRAINING", "ROUTINE", "SPECIAL");
    private static final Set<String> OUTCOMES = Set.of("ACHIEVED", "MISSED", "CANCELLED");

    @AggregateIdentifier
    private String goalId;
    private String ownerId;
    private Period period;
    private String parentGoalId;
    private List<NumericTarget> targets = List.of();
    private final Map<String, Boolean> actionsDone = new HashMap<>();
    private final Map<String, List<NumericTarget>> childTargets = new LinkedHashMap<>();
    private boolean closed;

    protected Goal() {
    }

    /** Created by {@link GoalPlanning}, which checks who may set a goal for whom and the parent's rules. */
    Goal(GoalCommands.SetGoal command, Clock clock) {
        PeriodType type = periodType(command.periodType());
        Period.parse(type, command.periodKey()); // refused in parse(), naming the key
        List<NumericTarget> targets = Optional.ofNullable(command.numericTargets()).orElse(List.of());
        checkTargets(targets);
        List<PlannedAction> actions = Optional.ofNullable(command.actions()).orElse(List.of());
        for (int i = 0; i < actions.size(); i++) {
            checkAction(actions.get(i), "actions[" + i + "]");
        }
        apply(new GoalSet(command.goalId(), command.ownerId(), type.name(),
                type == PeriodType.EVENT ? null : command.periodKey(), command.parentGoalId(), command.title(),
                List.copyOf(targets), List.copyOf(actions), command.setBy(), clock.instant()));
    }

    static Period period(String periodType, String periodKey) {
        PeriodType type = periodType(periodType);
        try {
            return Period.parse(type, periodKey);
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
    }

    /**
     * Records a child goal and its targets. The child's period must lie inside this goal's and be strictly finer
     * (an EVENT may sit under any goal); unless stretch targets are allowed, the children's targets for a metric
     * may not add up to more than this goal's.
     */
    void decompose(String childGoalId, String childOwnerId, Period childPeriod, List<NumericTarget> childTargets,
                   boolean allowStretch, Clock clock) {
        requireOpen();
        boolean finer = childPeriod.type() == PeriodType.EVENT || childPeriod.type().isFinerThan(period.type());
        if (!finer || (childPeriod.type() != PeriodType.EVENT && !period.contains(childPeriod))) {
            throw new DomainRuleBroken("periodKey", "a " + childPeriod.type() + " goal " + childPeriod
                    + " cannot sit under the " + period.type() + " goal " + period
                    + ": a child's period must lie inside its parent's and be strictly finer");
        }
        Map<String, List<NumericTarget>> after = new LinkedHashMap<>(this.childTargets);
        after.put(childGoalId, childTargets);
        if (!allowStretch) {
            checkChildrenFit(targets, after);
        }
        apply(new GoalDecomposed(goalId, ownerId, childGoalId, childOwnerId, childPeriod.type().name(), childPeriod.key(),
                List.copyOf(childTargets), clock.instant()));
    }

    void revise(List<NumericTarget> newTargets, String reason, String revisedBy, boolean allowStretch, Clock clock) {
        requireOpen();
        if (reason == null || reason.isBlank()) {
            throw new DomainRuleBroken("reason", "a revision needs a reason");
        }
        checkTargets(newTargets);
        if (!allowStretch) {
            checkChildrenFit(newTargets, childTargets);
        }
        apply(new GoalRevised(goalId, ownerId, targets, List.copyOf(newTargets), reason, revisedBy, clock.instant()));
    }

    String planAction(PlannedAction action, String plannedBy, Clock clock) {
        requireOpen();
        checkAction(action, "action");
        apply(new ActionPlanned(goalId, ownerId, action, plannedBy, clock.instant()));
        return action.actionId();
    }

    void completeAction(String actionId, String note, String completedBy, Clock clock) {
        requireOpen();
        if (isCompleted(actionId)) {
            throw new Conflict("action " + actionId + " of goal " + goalId + " is already completed");
        }
        apply(new ActionCompleted(goalId, ownerId, actionId, note, completedBy, clock.instant()));
    }

    void removeAction(String actionId, String reason, String removedBy, Clock clock) {
        requireOpen();
        if (isCompleted(actionId)) {
            throw new Conflict("action " + actionId + " of goal " + goalId + " is completed and cannot be removed");
        }
        if (reason == null || reason.isBlank()) {
            throw new DomainRuleBroken("reason", "removing an action needs a reason");
        }
        apply(new ActionRemoved(goalId, ownerId, actionId, reason, removedBy, clock.instant()));
    }

    void close(String outcome, String reason, String closedBy, Clock clock) {
        requireOpen();
        if (!OUTCOMES.contains(outcome)) {
            throw new DomainRuleBroken("outcome", "outcome '" + outcome + "' is none of " + OUTCOMES);
        }
        if ("CANCELLED".equals(outcome) && (reason == null || reason.isBlank())) {
            throw new DomainRuleBroken("reason", "cancelling a goal needs a reason");
        }
        apply(new GoalClosed(goalId, ownerId, outcome, reason, closedBy, clock.instant()));
    }

    private boolean isCompleted(String actionId) {
        Boolean done = actionsDone.get(actionId);
        if (done == null) {
            throw new NotFound("goal " + goalId + " has no action " + actionId);
        }
        return done;
    }

    private void requireOpen() {
        if (closed) {
            throw new Conflict("goal " + goalId + " is closed and accepts no changes");
        }
    }

    private static PeriodType periodType(String value) {
        try {
            return PeriodType.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainRuleBroken("periodType", "periodType '" + value
                    + "' is none of YEAR, QUARTER, MONTH, WEEK, DAY, EVENT");
        }
    }

    static void checkTargets(List<NumericTarget> targets) {
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
            if (t.stretch() != null && t.stretch().compareTo(t.target()) <= 0) {
                throw new DomainRuleBroken(field + ".stretch", "the stretch level of " + t.metric() + " ("
                        + t.stretch().toPlainString() + ") must be above its target (" + t.target().toPlainString() + ")");
            }
            if (t.challenge() != null && t.stretch() == null) {
                throw new DomainRuleBroken(field + ".stretch", "a challenge level of " + t.metric() + " needs a stretch level below it");
            }
            if (t.challenge() != null && t.challenge().compareTo(t.stretch()) <= 0) {
                throw new DomainRuleBroken(field + ".challenge", "the challenge level of " + t.metric() + " ("
                        + t.challenge().toPlainString() + ") must be above its stretch level (" + t.stretch().toPlainString() + ")");
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

    /**
     * Children's targets roll up like the parent's: for the target, and for each tier level the parent sets, the
     * children's levels (a child without that level counts its target) may not add up to more than the parent's.
     */
    private static void checkChildrenFit(List<NumericTarget> parentTargets, Map<String, List<NumericTarget>> children) {
        for (NumericTarget parent : parentTargets) {
            for (NumericTarget.Tier tier : List.of(NumericTarget.Tier.TARGET, NumericTarget.Tier.STRETCH, NumericTarget.Tier.CHALLENGE)) {
                if ((tier == NumericTarget.Tier.STRETCH && parent.stretch() == null)
                        || (tier == NumericTarget.Tier.CHALLENGE && parent.challenge() == null)) {
                    continue;
                }
                BigDecimal sum = children.values().stream().flatMap(List::stream)
                        .filter(c -> c.metric().equals(parent.metric()) && c.unit().equals(parent.unit()))
                        .map(c -> c.level(tier)).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal limit = parent.level(tier);
                if (sum.compareTo(limit) > 0) {
                    String what = tier == NumericTarget.Tier.TARGET ? "targets" : tier.name().toLowerCase() + " levels";
                    throw new DomainRuleBroken("numericTargets", "the children's " + parent.metric() + " " + what + " would add up to "
                            + sum.toPlainString() + " " + parent.unit() + ", above the parent's " + limit.toPlainString()
                            + " (stretch targets are not allowed in this company)");
                }
            }
        }
    }

    private static Optional<BigDecimal> targetOf(List<NumericTarget> targets, String metric) {
        return targets.stream().filter(t -> metric.equals(t.metric())).map(NumericTarget::target).findFirst();
    }

    private static void checkAction(PlannedAction a, String field) {
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

    @EventSourcingHandler
    void on(GoalSet event) {
        this.goalId = event.goalId();
        this.ownerId = event.ownerId();
        this.period = Period.parse(PeriodType.valueOf(event.periodType()), event.periodKey());
        this.parentGoalId = event.parentGoalId();
        this.targets = event.numericTargets();
        event.actions().forEach(a -> actionsDone.put(a.actionId(), false));
    }

    @EventSourcingHandler
    void on(GoalDecomposed event) {
        childTargets.put(event.childGoalId(), event.childTargets());
    }

    @EventSourcingHandler
    void on(GoalRevised event) {
        this.targets = event.numericTargets();
    }

    @EventSourcingHandler
    void on(ActionPlanned event) {
        actionsDone.put(event.action().actionId(), false);
    }

    @EventSourcingHandler
    void on(ActionCompleted event) {
        actionsDone.put(event.actionId(), true);
    }

    @EventSourcingHandler
    void on(ActionRemoved event) {
        actionsDone.remove(event.actionId());
    }

    @EventSourcingHandler
    void on(GoalClosed event) {
        this.closed = true;
    }

    String ownerId() {
        return ownerId;
    }

    boolean isClosed() {
        return closed;
    }

    boolean hasAction(String actionId) {
        return actionsDone.containsKey(actionId);
    }

    /** Planned actions not yet completed. */
    List<String> openActionIds() {
        return actionsDone.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    Period period() {
        return period;
    }

    String parentGoalId() {
        return parentGoalId;
    }

    List<NumericTarget> targets() {
        return new ArrayList<>(targets);
    }
}
