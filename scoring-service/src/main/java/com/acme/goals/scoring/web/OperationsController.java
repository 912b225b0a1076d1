package com.acme.goals.scoring.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
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

import static com.acme.goals.contracts.problem.ProblemType.CONFLICT;
import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;

/** Operating the read models: how far behind each projection is, and a rebuild from the beginning (admins only). */
@Tag(name = ApiTags.OPERATIONS)
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

    @Operation(summary = "Read models' lag and the last rebuild",
            description = "Who may call: admins only. Each consumer group's committed position, the end of its topics and "
                + "the lag, measured now; and the state of the last rebuild.")
    @Refuses({NOT_ALLOWED})
    @GetMapping("/projections")
    public Projections projections() throws Exception {
        return new Projections(lag.measure(), rebuild.status().orElse(null));
    }

    /** Starts a rebuild and answers at once (202); watch {@code /projections} until it is DONE and every lag is 0. */
    @Operation(summary = "Rebuild scoring's read models",
            description = "Who may call: admins only. Answers 202 at once; in the background the listeners stop, the read "
                + "models are emptied, the consumer groups go back to the earliest offsets and everything is "
                + "projected again from the topics. 409 while one runs; follow it with `GET "
                + "/api/scoring/projections`.")
    @Refuses({NOT_ALLOWED, CONFLICT})
    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ReadModelRebuild.Status rebuild() {
        String by = Actor.current().id();
        log.warn("read-model rebuild requested by {}", by);
        return rebuild.start(by);
    }
}
