package com.acme.goals.scoring.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.scoring.domain.Rubric;
import com.acme.goals.scoring.readmodel.Rubrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** The scoring rubric (api.md): anyone reads it, admins publish a new version. */
@Tag(name = ApiTags.RUBRICS)
@RestController
@RequestMapping("/api/rubrics")
public class RubricController {

    private static final Logger log = LoggerFactory.getLogger(RubricController.class);
    private final Rubrics rubrics;

    public RubricController(Rubrics rubrics) {
        this.rubrics = rubrics;
    }

    @Operation(summary = "The current rubric",
            description = "Who may call: anyone signed in. The weights of the four parts (numeric, actions, timeliness, "
                + "behaviour), the cap on a metric's ratio, the credit for a late report, the stretch and challenge"
                + " credits, and the pay bands.")
    @GetMapping("/current")
    public Rubric current() {
        return rubrics.current();
    }

    @Operation(summary = "Every rubric version",
            description = "Who may call: anyone signed in. Oldest first; a score names the version it used.")
    @GetMapping
    public List<Rubric> all() {
        return rubrics.all();
    }

    @Operation(summary = "One rubric version",
            description = "Who may call: anyone signed in.")
    @Refuses({NOT_FOUND})
    @GetMapping("/{version}")
    public Rubric version(@PathVariable int version) {
        return rubrics.version(version);
    }

    /** Publishes the body as the next version; version, updatedBy and updatedAt in the body are ignored. */
    @Operation(summary = "Publish the next rubric",
            description = "Who may call: admins only. The weights must add to 100, `metricCap` 1.00–2.00, `lateCredit` 0–1,"
                + " one pay band must start at 0; past scores keep the version they used.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @PutMapping("/current")
    @PreAuthorize("hasRole('ADMIN')")
    public Rubric publish(@RequestBody Rubric proposal) {
        Actor actor = Actor.current();
        Rubric published = rubrics.publish(proposal, actor.id());
        log.info("rubric v{} published by {}", published.version(), actor.id());
        return published;
    }
}
