package com.acme.goals.scoring.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.Topics;
import com.acme.goals.scoring.application.MilestoneWatch;
import com.acme.goals.contracts.goal.GoalRevised;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.ActionCompleted;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.platform.feed.EventFeed;
import com.acme.goals.platform.feed.NotKnownYet;
import com.acme.goals.scoring.readmodel.GoalTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Feeds the goal targets from goal.events (activity comes through platform's ActivityLedgerListener); each model is
 * idempotent, so at-least-once delivery is enough. A revision is applied once per aggregate sequence; one without a
 * sequence (an older producer) is applied as it comes and leaves the recorded sequence alone, so it cannot shut out
 * the revisions after it.
 */
@Component
public class GoalTargetsListener extends EventFeed {

    private static final Logger log = LoggerFactory.getLogger(GoalTargetsListener.class);

    public GoalTargetsListener(GoalTargets goals, MilestoneWatch milestones) {
        super("goals", Topics.GOAL_EVENTS);
        on(GoalSet.class, (set, envelope) -> {
            goals.apply(set);
            milestones.goalChanged(set.goalId());
            log.info("goal {} of {} in {} projected", set.goalId(), set.ownerId(), set.periodKey());
        });
        on(GoalRevised.class, (revised, envelope) -> {
            if (!goals.apply(revised, envelope.sequence())) {
                throw new NotKnownYet("goal:" + revised.goalId(), "goal " + revised.goalId() + " is not projected yet");
            }
            milestones.goalChanged(revised.goalId());
            log.info("goal {} revised: targets replaced", revised.goalId());
        });
        on(ActionPlanned.class, (e, envelope) -> goals.apply(e));
        on(ActionCompleted.class, (e, envelope) -> goals.apply(e));
        on(ActionRemoved.class, (e, envelope) -> goals.apply(e));
    }
}
