package com.acme.goals.goal.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.goal.domain.OrgCommands;
import com.acme.goals.goal.domain.OrgCommands.RegisterEmployee;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import java.time.Instant;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.team.org.OrgEntry;
import com.acme.goals.platform.security.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static com.acme.goals.contracts.problem.ProblemType.CONFLICT;
import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** The org directory (api.md, Org directory). */
@Tag(name = ApiTags.ORG_CHART)
@RestController
@RequestMapping("/api/org/employees")
public class OrgController {

    private static final Logger log = LoggerFactory.getLogger(OrgController.class);
    private final CommandGateway commands;
    private final OrgChart orgChart;

    public OrgController(CommandGateway commands, OrgChart orgChart) {
        this.commands = commands;
        this.orgChart = orgChart;
    }

    public record RegisterEmployeeRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'") String employeeId,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 64) String role,
            @Size(max = 64) String supervisorId,
            @NotBlank String timeZone,
            java.time.LocalDate joinedOn) {
    }

    public record Registered(String employeeId) {
    }

    public record EmployeeView(String employeeId, String role, String supervisorId, String timeZone,
                               List<String> supervisorChain, List<String> directReports, Instant leftAt, Instant asOf) {
    }

    public record MoveRequest(@NotBlank @Size(max = 64) String supervisorId) {
    }

    @Operation(summary = "Register an employee",
            description = "Who may call: admins only. Adds a person to the org chart with their role, time zone and "
                + "supervisor (who must be registered and not have left); records `goal.EmployeeRegistered` on "
                + "`org.events`. Answers 201 with the employee's id.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, CONFLICT})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    public Registered register(@Valid @RequestBody RegisterEmployeeRequest request) {
        Actor actor = Actor.current();
        commands.sendAndWait(new RegisterEmployee(request.employeeId(), request.name(), request.role(),
                blankToNull(request.supervisorId()), request.timeZone(), actor.id(), request.joinedOn()));
        log.info("employee {} registered by {}, reporting to {}", request.employeeId(), actor.id(), request.supervisorId());
        return new Registered(request.employeeId());
    }

    /**
     * The employee with their supervisor chain now, or as it stood at {@code asOf} (ISO instant). The chain, the direct
     * reports and the leave date are for the person, their line (now, or at {@code asOf}) and admins; anyone else signed
     * in sees the id, role and time zone (the console shows colleagues' days in their own zone).
     */
    @Operation(summary = "Look a person up in the org chart",
            description = "Who may call: anyone signed in sees id, role and time zone; the person, their supervisor line "
                + "and admins also see the chain above, the direct reports and the leave date. With `asOf` (an "
                + "instant), the chain as it stood then.")
    @Refuses({NOT_FOUND})
    @GetMapping("/{employeeId}")
    public EmployeeView get(@PathVariable String employeeId, @RequestParam(required = false) Instant asOf) {
        OrgEntry entry = orgChart.find(employeeId)
                .orElseThrow(() -> new NotFound("employee " + employeeId + " is not in the directory"));
        Actor actor = Actor.current();
        boolean ownLine = actor.isAdmin() || actor.id().equals(employeeId) || orgChart.chainAbove(employeeId).contains(actor.id())
                || (asOf != null && orgChart.chainAbove(employeeId, asOf).contains(actor.id()));
        if (!ownLine) {
            return new EmployeeView(entry.employeeId(), entry.role(), null, entry.timeZone(), null, null, null, asOf);
        }
        Instant leftAt = orgChart.leftAt(employeeId).orElse(null);
        if (asOf == null) {
            return new EmployeeView(entry.employeeId(), entry.role(), entry.supervisorId(), entry.timeZone(),
                    orgChart.chainAbove(employeeId), orgChart.directReports(employeeId), leftAt, null);
        }
        String supervisor = orgChart.supervisorOn(employeeId, asOf).orElse(null);
        return new EmployeeView(entry.employeeId(), entry.role(), supervisor, entry.timeZone(),
                orgChart.chainAbove(employeeId, asOf), null, leftAt, asOf);
    }

    @Operation(summary = "Move an employee to another supervisor",
            description = "Who may call: admins only. From now on the employee reports to the given supervisor; the old "
                + "line stays in history (reads of earlier periods still allow it). Refused when the supervisor is "
                + "unknown or has left, or when the move would make a cycle (the detail names the chain). Records "
                + "`goal.ReportingLineChanged`.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PutMapping("/{employeeId}/supervisor")
    @PreAuthorize("hasRole('ADMIN')")
    public Registered move(@PathVariable String employeeId, @Valid @RequestBody MoveRequest request) {
        Actor actor = Actor.current();
        commands.sendAndWait(new OrgCommands.MoveEmployee(employeeId, request.supervisorId(), actor.id()));
        log.info("employee {} moved under {} by {}", employeeId, request.supervisorId(), actor.id());
        return new Registered(employeeId);
    }

    /** Records that an employee left; their history is kept. An addition to api.md. */
    @Operation(summary = "Record that an employee left",
            description = "Who may call: admins only. The employee's history is kept; no goal can be set for them "
                + "afterwards, and no report is owed after the day they left. Records `goal.EmployeeLeft`.")
    @Refuses({NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PostMapping("/{employeeId}/leave")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> leave(@PathVariable String employeeId) {
        Actor actor = Actor.current();
        commands.sendAndWait(new OrgCommands.RecordLeaving(employeeId, actor.id()));
        log.info("employee {} recorded as left by {}", employeeId, actor.id());
        return ResponseEntity.noContent().build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
