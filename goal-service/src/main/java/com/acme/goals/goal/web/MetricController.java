package com.acme.goals.goal.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.goal.domain.MetricCommands.DeclareMetric;
import com.acme.goals.goal.readmodel.DeclaredMetrics;
import com.acme.goals.platform.security.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static com.acme.goals.contracts.problem.ProblemType.CONFLICT;
import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** The metric catalogue: what goals, report templates and rubrics may name, and with which unit. */
@Tag(name = ApiTags.GOALS)
@RestController
@RequestMapping("/api/metrics")
public class MetricController {

    private static final Logger log = LoggerFactory.getLogger(MetricController.class);
    private final CommandGateway commands;
    private final DeclaredMetrics metrics;

    public MetricController(CommandGateway commands, DeclaredMetrics metrics) {
        this.commands = commands;
        this.metrics = metrics;
    }

    public record DeclareRequest(@NotBlank @Size(max = 64) String name, @NotBlank String unitKind,
                                 @Size(max = 500) String description) {
    }

    public record Declared(String name, String unitKind) {
    }

    /** Every metric with its unit kind, aggregation, source and the inbound types that feed it; anyone signed in. */
    @Operation(summary = "The metric catalogue",
            description = "Who may call: anyone signed in. Every metric a target may name: its `unitKind` (MONEY takes an "
                + "ISO 4217 currency, COUNT takes `count`), how it adds up, whether the CRM feeds it and by which "
                + "inbound types, or it is typed in. Built-in metrics first, then those admins declared.")
    @GetMapping
    public List<DeclaredMetrics.View> catalogue() {
        return metrics.catalogue();
    }

    /** Declares a typed-in metric (admin): 201, 400 naming the field, 409 when the name is taken. */
    @Operation(summary = "Declare a typed-in metric",
            description = "Who may call: admins only. Adds a metric goals may name (snake_case `name`, `unitKind` MONEY or "
                + "COUNT). Records `goal.MetricDeclared`. A name already taken (built in or declared) is 409.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, CONFLICT})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    public Declared declare(@Valid @RequestBody DeclareRequest request) {
        Actor actor = Actor.current();
        commands.sendAndWait(new DeclareMetric(request.name(), request.unitKind(), request.description(), actor.id()));
        log.info("metric {} ({}) declared by {}", request.name(), request.unitKind(), actor.id());
        return new Declared(request.name(), request.unitKind());
    }
}
