package com.acme.goals.scoring.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.scoring.readmodel.GoalProgress;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;

/** Goal progress (api.md, Scores and dashboards). */
@Tag(name = ApiTags.PROGRESS)
@RestController
@RequestMapping("/api/progress")
public class ProgressController {

    private final GoalProgress progress;
    private final Access access;

    public ProgressController(GoalProgress progress, Access access) {
        this.progress = progress;
        this.access = access;
    }

    @Operation(summary = "A goal's progress",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. Targets against actuals rolled up the goal's tree (the"
                + " CRM activity of every owner in the subtree inside the goal's period), completion in percent, "
                + "the tier reached (BELOW, TARGET, STRETCH, CHALLENGE), and the actions planned and completed.")
    @Refuses({NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/goals/{goalId}")
    public GoalProgress.View goal(@PathVariable String goalId) {
        GoalProgress.View view = progress.of(goalId)
                .orElseThrow(() -> new NotFound("goal " + goalId + " is not known to scoring (yet)"));
        access.requireRead(Actor.current(), view.ownerId(), view.periodKey(), "the progress of goal " + goalId);
        return view;
    }
}
