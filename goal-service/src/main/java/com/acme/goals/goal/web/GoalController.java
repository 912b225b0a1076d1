package com.acme.goals.goal.web;

import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.goal.command.SetGoal;
import com.acme.goals.goal.query.GoalProjection;
import com.acme.goals.goal.query.GoalView;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.security.Access;
import com.acme.goals.platform.security.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Goals (api.md, Goals). */
@RestController
@RequestMapping("/api/goals")
public class GoalController {

    private static final Logger log = LoggerFactory.getLogger(GoalController.class);
    private final CommandGateway commands;
    private final GoalProjection goals;
    private final Access access;

    public GoalController(CommandGateway commands, GoalProjection goals, Access access) {
        this.commands = commands;
        this.goals = goals;
        this.access = access;
    }

    public record TargetRequest(@NotBlank String metric, @NotNull @DecimalMin("0") BigDecimal target, @NotBlank String unit) {
    }

    public record ActionRequest(@NotBlank @Size(max = 500) String title, @NotBlank String kind, LocalDate plannedOn,
                                String customerId) {
    }

    public record SetGoalRequest(@NotBlank String ownerId, @NotBlank String periodType, String periodKey,
                                 String parentGoalId, @NotBlank @Size(max = 500) String title,
                                 @Valid @Size(max = 100) List<TargetRequest> numericTargets,
                                 @Valid @Size(max = 500) List<ActionRequest> actions) {
    }

    public record GoalCreated(String goalId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public GoalCreated set(@Valid @RequestBody SetGoalRequest request) {
        Actor actor = Actor.current();
        String goalId = "G-" + UUID.randomUUID();
        List<NumericTarget> targets = Optional.ofNullable(request.numericTargets()).orElse(List.of()).stream()
                .map(t -> new NumericTarget(t.metric(), t.target(), t.unit())).toList();
        List<PlannedAction> actions = Optional.ofNullable(request.actions()).orElse(List.of()).stream()
                .map(a -> new PlannedAction("A-" + UUID.randomUUID(), a.title(), a.kind(), a.plannedOn(), a.customerId()))
                .toList();
        commands.sendAndWait(new SetGoal(goalId, request.ownerId(), request.periodType(), request.periodKey(),
                request.parentGoalId(), request.title(), targets, actions, actor.id(), actor.isAdmin()));
        log.info("goal {} set for {} in {} by {}", goalId, request.ownerId(), request.periodKey(), actor.id());
        return new GoalCreated(goalId);
    }

    @GetMapping("/{goalId}")
    public GoalView get(@PathVariable String goalId) {
        GoalView goal = goals.find(goalId).orElseThrow(() -> new NotFound("goal " + goalId + " does not exist"));
        access.requireRead(Actor.current(), goal.ownerId(), "goal " + goalId);
        return goal;
    }
}
