package com.acme.goals.report.web;

import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.report.domain.ReportCommands;
import com.acme.goals.report.application.ReportDrafting;
import com.acme.goals.report.readmodel.ReportIndex;
import com.acme.goals.report.readmodel.ReportProjection;
import com.acme.goals.report.readmodel.ReportView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reports (api.md, Reports): draft, fill, submit, annotate, answer, return, review; reads and the inbox. */
@RestController
@RequestMapping("/api/reports")
public class ReportController {

    private static final Logger log = LoggerFactory.getLogger(ReportController.class);
    private final CommandGateway commands;
    private final ReportDrafting drafting;
    private final ReportIndex index;
    private final ReportProjection reports;
    private final OrgChart orgChart;
    private final Access access;

    public ReportController(CommandGateway commands, ReportDrafting drafting, ReportIndex index,
                            ReportProjection reports, OrgChart orgChart, Access access) {
        this.commands = commands;
        this.drafting = drafting;
        this.index = index;
        this.reports = reports;
        this.orgChart = orgChart;
        this.access = access;
    }

    public record DraftRequest(@NotBlank String templateId, @NotBlank String ownerId, @NotBlank String periodKey) {
    }

    public record FillRequest(@NotNull Map<String, Object> fields) {
    }

    public record Anchor(String field, Integer row) {
    }

    public record AnnotationRequest(Anchor anchor, @NotBlank @Size(max = 5000) String text) {
    }

    public record AnswerRequest(@NotBlank @Size(max = 5000) String text) {
    }

    public record ReturnRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    public record Created(String reportId, String id) {
    }

    public record Page(List<ReportView> items, int page, int size, long total) {
    }

    /** Drafts the owner's report for a period, prefilled, with the previous period's beside it. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ReportDrafting.Drafted draft(@Valid @RequestBody DraftRequest request) {
        return drafting.draft(Actor.current().id(), request.templateId(), request.ownerId(), request.periodKey());
    }

    @PutMapping("/{reportId}")
    public ResponseEntity<Void> fill(@PathVariable String reportId, @Valid @RequestBody FillRequest request) {
        drafting.fill(Actor.current().id(), entry(reportId), request.fields());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{reportId}/submit")
    public ResponseEntity<Void> submit(@PathVariable String reportId) {
        entry(reportId);
        commands.sendAndWait(new ReportCommands.SubmitReport(reportId, Actor.current().id()));
        log.info("report {} submitted by {}", reportId, Actor.current().id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{reportId}/annotations")
    @ResponseStatus(HttpStatus.CREATED)
    public Created annotate(@PathVariable String reportId, @Valid @RequestBody AnnotationRequest request) {
        entry(reportId);
        String annotationId = "N-" + UUID.randomUUID();
        Anchor anchor = request.anchor() == null ? new Anchor(null, null) : request.anchor();
        commands.sendAndWait(new ReportCommands.AddAnnotation(reportId, annotationId, anchor.field(), anchor.row(),
                request.text(), Actor.current().id()));
        log.info("report {} annotated by {} on {}", reportId, Actor.current().id(), anchor.field() == null ? "the whole report" : anchor.field());
        return new Created(reportId, annotationId);
    }

    @PostMapping("/{reportId}/annotations/{annotationId}/answers")
    @ResponseStatus(HttpStatus.CREATED)
    public Created answer(@PathVariable String reportId, @PathVariable String annotationId, @Valid @RequestBody AnswerRequest request) {
        entry(reportId);
        commands.sendAndWait(new ReportCommands.AnswerAnnotation(reportId, annotationId, request.text(), Actor.current().id()));
        return new Created(reportId, annotationId);
    }

    @PostMapping("/{reportId}/return")
    public ResponseEntity<Void> returnForRevision(@PathVariable String reportId, @Valid @RequestBody ReturnRequest request) {
        entry(reportId);
        commands.sendAndWait(new ReportCommands.ReturnReport(reportId, request.reason(), Actor.current().id()));
        log.info("report {} returned by {}", reportId, Actor.current().id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{reportId}/review")
    public ResponseEntity<Void> review(@PathVariable String reportId) {
        entry(reportId);
        commands.sendAndWait(new ReportCommands.ReviewReport(reportId, Actor.current().id()));
        log.info("report {} reviewed by {}", reportId, Actor.current().id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{reportId}")
    public ReportView get(@PathVariable String reportId) {
        ReportIndex.Entry entry = entry(reportId);
        access.requireRead(Actor.current(), entry.ownerId(), Access.periodOf(entry.periodKey()), "report " + reportId);
        return reports.find(reportId).orElseThrow(() -> new NotFound("report " + reportId + " is not readable yet; try again"));
    }

    @GetMapping
    public Page list(@RequestParam String ownerId, @RequestParam(required = false) String periodKey,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        access.requireRead(Actor.current(), ownerId, Access.periodOf(periodKey), "the reports");
        return new Page(reports.ofOwner(ownerId, periodKey, page, size), page, size, reports.countOfOwner(ownerId, periodKey));
    }

    /** Submitted reports of everyone below the caller in the reporting line, oldest submission first. */
    @GetMapping("/inbox")
    public Page inbox(@RequestParam(defaultValue = "0") @Min(0) int page,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        // the caller's line once (one read), not a walk up the chart for every submitted report
        java.util.Set<String> line = new java.util.HashSet<>(orgChart.lineBelow(Actor.current().id()));
        ReportProjection.SubmittedPage mine = reports.submittedBy(line, page, size);
        return new Page(mine.reports(), page, size, mine.total());
    }

    private ReportIndex.Entry entry(String reportId) {
        return index.find(reportId).orElseThrow(() -> new NotFound("report " + reportId + " does not exist"));
    }
}
