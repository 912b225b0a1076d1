package com.acme.goals.goal.domain;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.goal.domain.GoalCommands.CloseGoal;
import com.acme.goals.goal.domain.GoalCommands.CompleteAction;
import com.acme.goals.goal.domain.GoalCommands.PlanAction;
import com.acme.goals.goal.domain.GoalCommands.ReviseGoal;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The goal rules that span goals or people: who may set or change a goal (the owner, or someone above them in
 * the reporting line), and the parent's rules when a goal is a child in the tree. Both goals change in one unit
 * of work: if the parent refuses, the child is not stored either.
 */
public class GoalPlanning {

    private final Repository<Goal> goals;
    private final OrgDirectory org;
    private final Metrics metrics;
    private final Clock clock;
    private final boolean allowStretch;

    public GoalPlanning(Repository<Goal> goals, OrgDirectory org, Metrics metrics, Clock clock, boolean allowStretch) {
        this.goals = goals;
        this.org = org;
        this.metrics = metrics;
        this.clock = clock;
        this.allowStretch = allowStretch;
    }

    @CommandHandler
    public String handle(GoalCommands.SetGoal command) throws Exception {
        if (!org.exists(command.ownerId())) {
            throw new DomainRuleBroken("ownerId", "owner " + command.ownerId() + " is not registered");
        }
        if (!org.isActive(command.ownerId())) {
            throw new DomainRuleBroken("ownerId", "owner " + command.ownerId() + " has left the company");
        }
        requireOwnerOrLine(command.setBy(), command.setByAdmin(), command.ownerId(), "set a goal for");
        metrics.check(Optional.ofNullable(command.numericTargets()).orElse(List.of()), "numericTargets");
        Period period = Goal.period(command.periodType(), command.periodKey());
        goals.newInstance(() -> new Goal(command, clock));
        if (command.parentGoalId() != null) {
            Aggregate<Goal> parent = load(command.parentGoalId(), null, "parentGoalId");
            String parentOwner = parent.invoke(Goal::ownerId);
            if (!parentOwner.equals(command.ownerId()) && !org.chainAbove(command.ownerId()).contains(parentOwner)) {
                throw new DomainRuleBroken("ownerId", "a child of " + parentOwner + "'s goal must belong to " + parentOwner
                        + " or to someone in their reporting line, not to " + command.ownerId());
            }
            parent.execute(p -> p.decompose(command.goalId(), command.ownerId(), period,
                    Optional.ofNullable(command.numericTargets()).orElse(List.of()), allowStretch, clock));
        }
        return command.goalId();
    }

    @CommandHandler
    public long handle(ReviseGoal command) {
        Aggregate<Goal> goal = load(command.goalId(), command.expectedVersion(), null);
        requireOwnerOrLine(command.by(), command.byAdmin(), goal.invoke(Goal::ownerId), "revise a goal of");
        metrics.check(Optional.ofNullable(command.numericTargets()).orElse(List.of()), "numericTargets");
        goal.execute(g -> g.revise(command.numericTargets(), command.reason(), command.by(), allowStretch, clock));
        String parentId = goal.invoke(Goal::parentGoalId);
        if (parentId != null) {
            Goal revised = goal.invoke(g -> g);
            load(parentId, null, null).execute(p -> p.decompose(command.goalId(), revised.ownerId(), revised.period(),
                    command.numericTargets(), allowStretch, clock));
        }
        return goal.version();
    }

    @CommandHandler
    public String handle(PlanAction command) {
        Aggregate<Goal> goal = load(command.goalId(), null, null);
        requireOwner(command.by(), goal.invoke(Goal::ownerId), "plan actions on");
        return goal.invoke(g -> g.planAction(command.action(), command.by(), clock));
    }

    @CommandHandler
    public void handle(CompleteAction command) {
        Aggregate<Goal> goal = load(command.goalId(), null, null);
        requireOwner(command.by(), goal.invoke(Goal::ownerId), "complete actions of");
        goal.execute(g -> g.completeAction(command.actionId(), command.note(), command.by(), clock));
    }

    @CommandHandler
    public void handle(GoalCommands.RemoveAction command) {
        Aggregate<Goal> goal = load(command.goalId(), null, null);
        requireOwnerOrLine(command.by(), command.byAdmin(), goal.invoke(Goal::ownerId), "remove actions of");
        goal.execute(g -> g.removeAction(command.actionId(), command.reason(), command.by(), clock));
    }

    @CommandHandler
    public void handle(CloseGoal command) {
        Aggregate<Goal> goal = load(command.goalId(), command.expectedVersion(), null);
        requireOwnerOrLine(command.by(), command.byAdmin(), goal.invoke(Goal::ownerId), "close a goal of");
        goal.execute(g -> g.close(command.outcome(), command.reason(), command.by(), clock));
    }

    private Aggregate<Goal> load(String goalId, Long expectedVersion, String field) {
        try {
            return goals.load(goalId, expectedVersion);
        } catch (AggregateNotFoundException e) {
            if (field != null) {
                throw new DomainRuleBroken(field, "goal " + goalId + " does not exist");
            }
            throw new NotFound("goal " + goalId + " does not exist");
        }
    }

    private void requireOwnerOrLine(String by, boolean byAdmin, String ownerId, String what) {
        if (!byAdmin && !by.equals(ownerId) && !org.chainAbove(ownerId).contains(by)) {
            throw new NotAllowed(by + " may not " + what + " " + ownerId
                    + ": only the owner or someone above them in the reporting line may");
        }
    }

    private void requireOwner(String by, String ownerId, String what) {
        if (!by.equals(ownerId)) {
            throw new NotAllowed(by + " may not " + what + " goals of " + ownerId + ": only the owner may");
        }
    }
}
