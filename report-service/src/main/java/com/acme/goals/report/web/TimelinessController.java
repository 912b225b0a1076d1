package com.acme.goals.report.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.report.application.TeamTimeliness;
import com.acme.goals.report.domain.ReportSlotCommands;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.report.domain.ReportSlot;
import com.acme.goals.report.readmodel.ReportSlots;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static com.acme.goals.contracts.problem.ProblemType.BAD_INPUT;
import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** Missing and excused periods. Additions to api.md: the issue asks for them, api.md has no path yet. */
@Tag(name = ApiTags.REPORTS)
@RestController
@RequestMapping("/api/reports")
public class TimelinessController {

    private static final Logger log = LoggerFactory.getLogger(TimelinessController.class);
    private final ReportSlots slots;
    private final TeamTimeliness teamTimeliness;
    private final TemplateCatalogue templates;
    private final CommandGateway commands;
    private final Access access;

    public TimelinessController(ReportSlots slots, TeamTimeliness teamTimeliness, TemplateCatalogue templates,
                                CommandGateway commands, Access access) {
        this.slots = slots;
        this.teamTimeliness = teamTimeliness;
        this.templates = templates;
        this.commands = commands;
        this.access = access;
    }

    /** 汇报及时 of everyone below a supervisor for one period; that supervisor, those above and admins may read it. */
    @Operation(summary = "A team's report timeliness",
            description = "Who may call: that supervisor, anyone above them, and admins. For one period, every member of "
                + "the line below and each template they owe: ON_TIME, LATE, MISSING, EXCUSED or OPEN, with each "
                + "supervisor's counts.")
    @Refuses({BAD_INPUT, NOT_ALLOWED})
    @GetMapping("/timeliness")
    public TeamTimeliness.Summary team(@RequestParam String supervisorId, @RequestParam String periodKey) {
        access.requireRead(Actor.current(), supervisorId, "the team timeliness");
        return teamTimeliness.of(supervisorId, periodKey);
    }

    public record ExcuseRequest(@NotBlank String ownerId, @NotBlank String templateId, @NotBlank String periodKey,
                                @NotBlank @Size(max = 1000) String reason) {
    }

    /** The owner's MISSING and EXCUSED periods, oldest first. */
    @Operation(summary = "A person's missing and excused periods",
            description = "Who may call: the person, anyone above them, and admins. Every period whose deadline passed "
                + "without a report (MISSING) or that a supervisor excused (EXCUSED).")
    @Refuses({NOT_ALLOWED})
    @GetMapping("/missing")
    public List<ReportSlots.SlotView> missing(@RequestParam String ownerId) {
        access.requireRead(Actor.current(), ownerId, "the missing reports");
        return slots.forOwner(ownerId);
    }

    /** The supervisor line excuses a period (leave, holiday): neither late nor missing. */
    @Operation(summary = "Excuse a period",
            description = "Who may call: anyone above the owner in the reporting line. Leave or a holiday: the period "
                + "counts as neither late nor missing, and a week excused is left out of the month's score. "
                + "`reason` is required. Records `report.PeriodExcused`.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @PostMapping("/excuses")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> excuse(@Valid @RequestBody ExcuseRequest request) {
        var template = templates.latest(request.templateId())
                .orElseThrow(() -> new DomainRuleBroken("templateId", "template " + request.templateId() + " does not exist"));
        try {
            Period.parse(com.acme.goals.contracts.period.PeriodType.valueOf(template.periodType()), request.periodKey());
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
        String by = Actor.current().id();
        commands.sendAndWait(new ReportSlotCommands.ExcusePeriod(ReportSlot.id(request.ownerId(), request.templateId(), request.periodKey()),
                request.ownerId(), request.templateId(), request.periodKey(), request.reason(), by));
        log.info("{} of {} for {} excused by {}", request.templateId(), request.ownerId(), request.periodKey(), by);
        return ResponseEntity.noContent().build();
    }
}
