package com.acme.goals.report.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.report.command.ReportSlot;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.report.query.ReportIndex;
import com.acme.goals.report.query.ReportProjection;
import com.acme.goals.report.query.ReportSlots;
import com.acme.goals.report.query.TemplateCatalogue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
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
import java.util.Map;

/** Missing and excused periods. Additions to api.md: the issue asks for them, api.md has no path yet. */
@RestController
@RequestMapping("/api/reports")
public class TimelinessController {

    private static final Logger log = LoggerFactory.getLogger(TimelinessController.class);
    private final ReportSlots slots;
    private final TemplateCatalogue templates;
    private final CommandGateway commands;
    private final Access access;
    private final OrgChart orgChart;
    private final ReportIndex index;
    private final ReportProjection reports;

    public TimelinessController(ReportSlots slots, TemplateCatalogue templates, CommandGateway commands, Access access,
                                OrgChart orgChart, ReportIndex index, ReportProjection reports) {
        this.slots = slots;
        this.templates = templates;
        this.commands = commands;
        this.access = access;
        this.orgChart = orgChart;
        this.index = index;
        this.reports = reports;
    }

    public record MemberTimeliness(String employeeId, String templateId, String state, String reportId) {
    }

    public record TeamTimeliness(String supervisorId, String periodKey, Map<String, Integer> counts, List<MemberTimeliness> members) {
    }

    /**
     * 汇报及时: for everyone below a supervisor in the line, each report due in the period and its state — ON_TIME,
     * LATE, MISSING, EXCUSED, or OPEN (not submitted, not yet past its deadline) — with the counts.
     */
    @GetMapping("/timeliness")
    public TeamTimeliness team(@RequestParam String supervisorId, @RequestParam String periodKey) {
        access.requireRead(Actor.current(), supervisorId, "the team timeliness"); // that supervisor, those above, admins
        Period period;
        try {
            period = Period.parse(periodKey);
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
        List<MemberTimeliness> rows = new java.util.ArrayList<>();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        java.util.Set<String> line = new java.util.HashSet<>(orgChart.lineBelow(supervisorId));
        for (OrgChart.Member member : orgChart.members()) {
            if (!line.contains(member.employeeId())) {
                continue;
            }
            for (var template : templates.all()) {
                if (!template.role().equals(member.role()) || !template.periodType().equals(period.type().name())) {
                    continue;
                }
                java.time.ZoneId zone = java.time.ZoneId.of(member.timeZone());
                String reportId = index.forPeriod(member.employeeId(), template.templateId(), period.key()).orElse(null);
                if (reportId == null && !template.expects(member.role(), zone, member.joinedOn(), member.leftAt(), period)) {
                    continue; // nothing was expected of them for this period
                }
                String state = reportId == null ? null
                        : reports.find(reportId).map(d -> d.getString("timeliness")).orElse(null);
                if (state == null) {
                    state = slots.state(ReportSlot.id(member.employeeId(), template.templateId(), period.key())).orElse("OPEN");
                }
                rows.add(new MemberTimeliness(member.employeeId(), template.templateId(), state, reportId));
                counts.merge(state, 1, Integer::sum);
            }
        }
        rows.sort(java.util.Comparator.comparing(MemberTimeliness::employeeId));
        return new TeamTimeliness(supervisorId, period.key(), counts, rows);
    }

    public record ExcuseRequest(@NotBlank String ownerId, @NotBlank String templateId, @NotBlank String periodKey,
                                @NotBlank @Size(max = 1000) String reason) {
    }

    /** The owner's MISSING and EXCUSED periods, oldest first. */
    @GetMapping("/missing")
    public List<Document> missing(@RequestParam String ownerId) {
        access.requireRead(Actor.current(), ownerId, "the missing reports");
        return slots.forOwner(ownerId);
    }

    /** The supervisor line excuses a period (leave, holiday): neither late nor missing. */
    @PostMapping("/excuses")
    public ResponseEntity<Void> excuse(@Valid @RequestBody ExcuseRequest request) {
        var template = templates.latest(request.templateId())
                .orElseThrow(() -> new DomainRuleBroken("templateId", "template " + request.templateId() + " does not exist"));
        try {
            Period.parse(com.acme.goals.contracts.period.PeriodType.valueOf(template.periodType()), request.periodKey());
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
        String by = Actor.current().id();
        commands.sendAndWait(new ReportSlot.ExcusePeriod(ReportSlot.id(request.ownerId(), request.templateId(), request.periodKey()),
                request.ownerId(), request.templateId(), request.periodKey(), request.reason(), by));
        log.info("{} of {} for {} excused by {}", request.templateId(), request.ownerId(), request.periodKey(), by);
        return ResponseEntity.noContent().build();
    }
}
