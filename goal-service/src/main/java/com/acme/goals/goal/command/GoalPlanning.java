package com.acme.goals.goal.command;

import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;

/** Sets goals: the owner sets their own, or someone above them in the reporting line sets one for them. */
public class GoalPlanning {

    private final Repository<Goal> goals;
    private final OrgDirectory org;
    private final Clock clock;

    public GoalPlanning(Repository<Goal> goals, OrgDirectory org, Clock clock) {
        this.goals = goals;
        this.org = org;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(SetGoal command) throws Exception {
        if (!org.exists(command.ownerId())) {
            throw new DomainRuleBroken("ownerId", "owner " + command.ownerId() + " is not registered");
        }
        if (!command.setByAdmin() && !command.setBy().equals(command.ownerId()) && !org.chainAbove(command.ownerId()).contains(command.setBy())) {
            throw new NotAllowed(command.setBy() + " may not set a goal for " + command.ownerId()
                    + ": only the owner or someone above them in the reporting line may");
        }
        goals.newInstance(() -> new Goal(command, clock));
        return command.goalId();
    }
}
