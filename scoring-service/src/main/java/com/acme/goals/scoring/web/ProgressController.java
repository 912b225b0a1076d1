package com.acme.goals.scoring.web;

import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.scoring.readmodel.GoalProgress;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Goal progress (api.md, Scores and dashboards). */
@RestController
@RequestMapping("/api/progress")
public class ProgressController {

    private final GoalProgress progress;
    private final Access access;

    public ProgressController(GoalProgress progress, Access access) {
        this.progress = progress;
        this.access = access;
    }

    @GetMapping("/goals/{goalId}")
    public GoalProgress.View goal(@PathVariable String goalId) {
        GoalProgress.View view = progress.of(goalId)
                .orElseThrow(() -> new NotFound("goal " + goalId + " is not known to scoring (yet)"));
        access.requireRead(Actor.current(), view.ownerId(), Access.periodOf(view.periodKey()), "the progress of goal " + goalId);
        return view;
    }
}
