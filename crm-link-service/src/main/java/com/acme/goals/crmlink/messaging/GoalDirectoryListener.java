package com.acme.goals.crmlink.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.contracts.goal.GoalClosed;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.crmlink.readmodel.GoalDirectory;
import com.acme.goals.platform.feed.EventFeed;

/** Keeps crm-link's {@link GoalDirectory} current from {@code goal.events}. */
@Component
public class GoalDirectoryListener extends EventFeed {

    public GoalDirectoryListener(GoalDirectory directory) {
        super("goal-directory", Topics.GOAL_EVENTS);
        on(GoalSet.class, (e, envelope) -> directory.apply(e));
        on(ActionPlanned.class, (e, envelope) -> directory.apply(e));
        on(ActionRemoved.class, (e, envelope) -> directory.apply(e));
        on(GoalClosed.class, (e, envelope) -> directory.apply(e));
    }
}
