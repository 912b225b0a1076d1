package com.acme.goals.goal.web;

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

/** The org directory (api.md, Org directory). */
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

    @PutMapping("/{employeeId}/supervisor")
    @PreAuthorize("hasRole('ADMIN')")
    public Registered move(@PathVariable String employeeId, @Valid @RequestBody MoveRequest request) {
        Actor actor = Actor.current();
        commands.sendAndWait(new OrgCommands.MoveEmployee(employeeId, request.supervisorId(), actor.id()));
        log.info("employee {} moved under {} by {}", employeeId, request.supervisorId(), actor.id());
        return new Registered(employeeId);
    }

    /** Records that an employee left; their history is kept. An addition to api.md. */
    @PostMapping("/{employeeId}/leave")
    @PreAuthorize("hasRole('ADMIN')")
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
