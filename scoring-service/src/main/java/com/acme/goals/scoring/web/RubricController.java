package com.acme.goals.scoring.web;

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

/** The scoring rubric (api.md): anyone reads it, admins publish a new version. */
@RestController
@RequestMapping("/api/rubrics")
public class RubricController {

    private static final Logger log = LoggerFactory.getLogger(RubricController.class);
    private final Rubrics rubrics;

    public RubricController(Rubrics rubrics) {
        this.rubrics = rubrics;
    }

    @GetMapping("/current")
    public Rubric current() {
        return rubrics.current();
    }

    @GetMapping
    public List<Rubric> all() {
        return rubrics.all();
    }

    @GetMapping("/{version}")
    public Rubric version(@PathVariable int version) {
        return rubrics.version(version);
    }

    /** Publishes the body as the next version; version, updatedBy and updatedAt in the body are ignored. */
    @PutMapping("/current")
    @PreAuthorize("hasRole('ADMIN')")
    public Rubric publish(@RequestBody Rubric proposal) {
        Actor actor = Actor.current();
        Rubric published = rubrics.publish(proposal, actor.id());
        log.info("rubric v{} published by {}", published.version(), actor.id());
        return published;
    }
}
