package com.acme.goals.goal.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.goal.domain.GoalCommands.CloseGoal;
import com.acme.goals.goal.domain.GoalCommands.CompleteAction;
import com.acme.goals.goal.domain.GoalCommands.PlanAction;
import com.acme.goals.goal.domain.GoalCommands.ReviseGoal;
import com.acme.goals.goal.domain.GoalCommands;
import com.acme.goals.goal.domain.GoalCommands.SetGoal;
import org.springframework.web.bind.annotation.DeleteMapping;
import com.acme.goals.goal.readmodel.GoalHistory;
import com.acme.goals.goal.readmodel.GoalTree;
import com.acme.goals.platform.errors.DomainRuleBroken;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import com.acme.goals.goal.readmodel.GoalCustomers;
import com.acme.goals.goal.readmodel.GoalProjection;
import com.acme.goals.goal.readmodel.GoalView;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.access.Access;
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

import static com.acme.goals.contracts.problem.ProblemType.BAD_INPUT;
import static com.acme.goals.contracts.problem.ProblemType.CONFLICT;
import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;
import static com.acme.goals.contracts.problem.ProblemType.STALE_VERSION;

/** Goals (api.md, Goals). */
@Tag(name = ApiTags.GOALS)
@RestController
@RequestMapping("/api/goals")
public class GoalController {

    private static final Logger log = LoggerFactory.getLogger(GoalController.class);
    private final CommandGateway commands;
    private final GoalProjection goals;
    private final Access access;
    private final GoalHistory history;

    public GoalController(CommandGateway commands, GoalProjection goals, Access access, GoalHistory history,
                          GoalCustomers customers) {
        this.commands = commands;
        this.customers = customers;
        this.goals = goals;
        this.access = access;
        this.history = history;
    }

    public record TargetRequest(@NotBlank String metric, @NotNull @DecimalMin("0") BigDecimal target, @NotBlank String unit,
                                BigDecimal stretch, BigDecimal challenge) {
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

    public record ReviseRequest(@NotNull @Valid @Size(max = 100) List<TargetRequest> numericTargets,
                                @NotBlank @Size(max = 1000) String reason, Long expectedVersion) {
    }

    public record Revised(String goalId, long version) {
    }

    public record CompleteRequest(@Size(max = 2000) String note) {
    }

    public record CloseRequest(@NotBlank String outcome, @Size(max = 1000) String reason, Long expectedVersion) {
    }

    public record ActionCreated(String goalId, String actionId) {
    }

    @Operation(summary = "Set a goal",
            description = "Who may call: the owner (for themselves) or anyone above the owner in the reporting line; admins"
                + " for corrections. A goal has an owner, a period (YEAR, QUARTER, MONTH, WEEK, DAY or EVENT with "
                + "its key), numeric targets on catalogued metrics (with optional stretch and challenge levels) and"
                + " planned actions. With `parentGoalId` it decomposes the parent: the child's period lies inside "
                + "the parent's and the children's targets may not add up above the parent's. Records "
                + "`goal.GoalSet` (and `goal.GoalDecomposed` on the parent).")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public GoalCreated set(@Valid @RequestBody SetGoalRequest request) {
        Actor actor = Actor.current();
        String goalId = "G-" + UUID.randomUUID();
        List<NumericTarget> targets = targets(request.numericTargets());
        List<PlannedAction> actions = Optional.ofNullable(request.actions()).orElse(List.of()).stream()
                .map(GoalController::action).toList();
        commands.sendAndWait(new SetGoal(goalId, request.ownerId(), request.periodType(), request.periodKey(),
                request.parentGoalId(), request.title(), targets, actions, actor.id(), actor.isAdmin()));
        log.info("goal {} set for {} in {} by {}", goalId, request.ownerId(), request.periodKey(), actor.id());
        return new GoalCreated(goalId);
    }

    @Operation(summary = "Read a goal",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. The goal with its targets, actions (completed or not),"
                + " status, revisions, its version (send it back as `If-Match` to revise) and the customers linked "
                + "to it.")
    @Refuses({NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/{goalId}")
    public GoalView get(@PathVariable String goalId) {
        return readable(goalId).withLinks(customers.ofGoal(goalId));
    }

    @Operation(summary = "List an owner's goals",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. One page of the owner's goals, of one period when "
                + "`periodKey` is given; `size` at most 500.")
    @Refuses({BAD_INPUT, NOT_ALLOWED})
    @GetMapping
    public GoalProjection.Page list(@RequestParam String ownerId, @RequestParam(required = false) String periodKey,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        access.requireRead(Actor.current(), ownerId, periodKey, "the goals");
        return goals.list(ownerId, periodKey, page, size);
    }

    @Operation(summary = "Read a goal's tree",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. The goal and every goal decomposed from it, nested "
                + "(year → quarter → month → week → day → matter), each with the children's sums per metric: the "
                + "target, what the children add up to, and the gap.")
    @Refuses({NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/{goalId}/tree")
    public GoalTree.Node tree(@PathVariable String goalId) {
        readable(goalId);
        return GoalTree.of(goalId, goals.subtree(goalId));
    }

    @Operation(summary = "Read a goal's history",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. Every event of the goal's stream, oldest first: the "
                + "version, the type, when, who, and the change with its reason.")
    @Refuses({NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/{goalId}/history")
    public List<GoalHistory.Entry> history(@PathVariable String goalId) {
        readable(goalId);
        return history.of(goalId);
    }

    /** Revises the targets; the version comes from {@code If-Match} or {@code expectedVersion}, and a stale one is 409. */
    @Operation(summary = "Revise a goal's targets",
            description = "Who may call: the owner or anyone above them; admins for corrections. Replaces the numeric "
                + "targets and records why (`reason` is required). Name the version the change is based on with "
                + "`If-Match: \"<version>\"` or `expectedVersion`: a change based on an older version is 409 stale-"
                + "version. Records `goal.GoalRevised`.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT, STALE_VERSION})
    @PutMapping("/{goalId}")
    public Revised revise(@PathVariable String goalId, @Valid @RequestBody ReviseRequest request,
                          @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Actor actor = Actor.current();
        Long expected = ifMatch != null ? version(ifMatch) : request.expectedVersion();
        long version = commands.sendAndWait(new ReviseGoal(goalId, expected, targets(request.numericTargets()),
                request.reason(), actor.id(), actor.isAdmin()));
        log.info("goal {} revised by {}: targets changed", goalId, actor.id());
        return new Revised(goalId, version);
    }

    @Operation(summary = "Plan an action on a goal",
            description = "Who may call: the owner only (not admins, not the supervisor line: the plan is the owner's). A "
                + "visit, call or meeting invitation names its customer. Records `goal.ActionPlanned`; answers 201 "
                + "with the action's id.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PostMapping("/{goalId}/actions")
    @ResponseStatus(HttpStatus.CREATED)
    public ActionCreated planAction(@PathVariable String goalId, @Valid @RequestBody ActionRequest request) {
        Actor actor = Actor.current();
        String actionId = commands.sendAndWait(new PlanAction(goalId, action(request), actor.id()));
        log.info("action {} planned on goal {} by {}", actionId, goalId, actor.id());
        return new ActionCreated(goalId, actionId);
    }

    @Operation(summary = "Mark an action done",
            description = "Who may call: the owner only. Marks a planned action completed, once, with an optional note; a "
                + "logged CRM visit or call naming the action does the same. Records `goal.ActionCompleted`.")
    @Refuses({NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PostMapping("/{goalId}/actions/{actionId}/complete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> completeAction(@PathVariable String goalId, @PathVariable String actionId,
                                               @Valid @RequestBody(required = false) CompleteRequest request) {
        Actor actor = Actor.current();
        commands.sendAndWait(new CompleteAction(goalId, actionId, request == null ? null : request.note(), actor.id()));
        log.info("action {} of goal {} completed by {}", actionId, goalId, actor.id());
        return ResponseEntity.noContent().build();
    }

    /** Takes a planned action off the plan; the reason is required and a completed action is never removed. */
    @Operation(summary = "Take an action off the plan",
            description = "Who may call: the owner or anyone above them; admins. `reason` is required; a completed action "
                + "is never removed. Records `goal.ActionRemoved`.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @DeleteMapping("/{goalId}/actions/{actionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> removeAction(@PathVariable String goalId, @PathVariable String actionId,
                                             @RequestParam(required = false) String reason) {
        Actor actor = Actor.current();
        commands.sendAndWait(new GoalCommands.RemoveAction(goalId, actionId, reason, actor.id(), actor.isAdmin()));
        log.info("action {} removed from goal {} by {}", actionId, goalId, actor.id());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Close a goal",
            description = "Who may call: the owner or anyone above them; admins. Closes the goal as ACHIEVED, MISSED or "
                + "CANCELLED (a cancellation needs a reason); a closed goal takes no more changes. Records "
                + "`goal.GoalClosed`.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT, STALE_VERSION})
    @PostMapping("/{goalId}/close")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> close(@PathVariable String goalId, @Valid @RequestBody CloseRequest request) {
        Actor actor = Actor.current();
        commands.sendAndWait(new CloseGoal(goalId, request.expectedVersion(), request.outcome(), request.reason(),
                actor.id(), actor.isAdmin()));
        log.info("goal {} closed as {} by {}", goalId, request.outcome(), actor.id());
        return ResponseEntity.noContent().build();
    }

    private final GoalCustomers customers;

    private GoalView readable(String goalId) {
        GoalView goal = goals.find(goalId).orElseThrow(() -> new NotFound("goal " + goalId + " does not exist"));
        access.requireRead(Actor.current(), goal.ownerId(), goal.periodKey(), "goal " + goalId);
        return goal;
    }

    private static List<NumericTarget> targets(List<TargetRequest> requested) {
        return Optional.ofNullable(requested).orElse(List.of()).stream()
                .map(t -> new NumericTarget(t.metric(), t.target(), t.unit(), t.stretch(), t.challenge())).toList();
    }

    private static PlannedAction action(ActionRequest a) {
        return new PlannedAction("A-" + UUID.randomUUID(), a.title(), a.kind(), a.plannedOn(), a.customerId());
    }

    private static Long version(String ifMatch) {
        try {
            return Long.valueOf(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw new DomainRuleBroken("If-Match", "If-Match must carry the goal's version, e.g. \"3\"");
        }
    }
}
