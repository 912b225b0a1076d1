package com.acme.goals.scoring.web;

import com.acme.goals.platform.messaging.ProjectionLag;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.scoring.application.ReadModelRebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operating the read models: how far behind each projection is, and a rebuild from the beginning (admins only). */
@RestController
@RequestMapping("/api/scoring")
@PreAuthorize("hasRole('ADMIN')")
public class OperationsController {

    private static final Logger log = LoggerFactory.getLogger(OperationsController.class);
    private final ProjectionLag lag;
    private final ReadModelRebuild rebuild;

    public OperationsController(ProjectionLag lag, ReadModelRebuild rebuild) {
        this.lag = lag;
        this.rebuild = rebuild;
    }

    /** Each consumer group's lag now, and the last rebuild. */
    public record Projections(List<ProjectionLag.GroupLag> groups, ReadModelRebuild.Status rebuild) {
    }

    @GetMapping("/projections")
    public Projections projections() throws Exception {
        return new Projections(lag.measure(), rebuild.status().orElse(null));
    }

    /** Starts a rebuild and answers at once (202); watch {@code /projections} until it is DONE and every lag is 0. */
    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ReadModelRebuild.Status rebuild() {
        String by = Actor.current().id();
        log.warn("read-model rebuild requested by {}", by);
        return rebuild.start(by);
    }
}
