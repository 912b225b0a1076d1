package com.acme.goals.report.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
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

import static com.acme.goals.contracts.problem.ProblemType.BAD_INPUT;
import static com.acme.goals.contracts.problem.ProblemType.CONFLICT;
import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** Reports (api.md, Reports): draft, fill, submit, annotate, answer, return, review; reads and the inbox. */
@Tag(name = ApiTags.REPORTS)
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

    public record AnnotationCreated(String reportId, String id) {
    }

    public record ReportPage(List<ReportView> items, int page, int size, long total) {
    }

    /** Drafts the owner's report for a period, prefilled, with the previous period's beside it. */
    @Operation(summary = "Draft a report",
            description = "Who may call: the owner only. Drafts the owner's report on a template for a period: fields "
                + "carried over from last period's report, CRM actuals in `source` fields, the due time, and last "
                + "period's report beside it. One report per owner, template and period: another is 409. The actuals are "
                + "read from scoring-service with the caller's token; when it does not answer in 5 s the answer is 503 "
                + "and nothing is drafted.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, CONFLICT})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ReportDrafting.Drafted draft(@Valid @RequestBody DraftRequest request) {
        return drafting.draft(Actor.current().id(), request.templateId(), request.ownerId(), request.periodKey());
    }

    @Operation(summary = "Fill a report's fields",
            description = "Who may call: the owner only. Saves fields, each checked against the template (types, the "
                + "Monday–Saturday schedule, a customer on customer-related actions); a draft or a returned report "
                + "only. Records `report.ReportFilled`.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PutMapping("/{reportId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> fill(@PathVariable String reportId, @Valid @RequestBody FillRequest request) {
        drafting.fill(Actor.current().id(), entry(reportId), request.fields());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Submit a report",
            description = "Who may call: the owner only. Sends the report to the supervisor line with the fields as they "
                + "are and records whether it came ON_TIME or LATE (`report.PlanSubmitted` or "
                + "`report.SummarySubmitted`); a weekly plan's schedule becomes the week's day goals and actions. "
                + "Required fields must be filled.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PostMapping("/{reportId}/submit")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> submit(@PathVariable String reportId) {
        entry(reportId);
        commands.sendAndWait(new ReportCommands.SubmitReport(reportId, Actor.current().id()));
        log.info("report {} submitted by {}", reportId, Actor.current().id());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Annotate a report",
            description = "Who may call: anyone above the owner in the reporting line. A note (批注) on the whole report, one"
                + " field, or one row of a table (`anchor`); the report must have been submitted. Records "
                + "`report.AnnotationAdded`; answers 201 with its id.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PostMapping("/{reportId}/annotations")
    @ResponseStatus(HttpStatus.CREATED)
    public AnnotationCreated annotate(@PathVariable String reportId, @Valid @RequestBody AnnotationRequest request) {
        entry(reportId);
        String annotationId = "N-" + UUID.randomUUID();
        Anchor anchor = request.anchor() == null ? new Anchor(null, null) : request.anchor();
        commands.sendAndWait(new ReportCommands.AddAnnotation(reportId, annotationId, anchor.field(), anchor.row(),
                request.text(), Actor.current().id()));
        log.info("report {} annotated by {} on {}", reportId, Actor.current().id(), anchor.field() == null ? "the whole report" : anchor.field());
        return new AnnotationCreated(reportId, annotationId);
    }

    @Operation(summary = "Answer an annotation",
            description = "Who may call: the owner only. Records `report.AnnotationAnswered`; answers 201.")
    @Refuses({NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PostMapping("/{reportId}/annotations/{annotationId}/answers")
    @ResponseStatus(HttpStatus.CREATED)
    public AnnotationCreated answer(@PathVariable String reportId, @PathVariable String annotationId, @Valid @RequestBody AnswerRequest request) {
        entry(reportId);
        commands.sendAndWait(new ReportCommands.AnswerAnnotation(reportId, annotationId, request.text(), Actor.current().id()));
        return new AnnotationCreated(reportId, annotationId);
    }

    @Operation(summary = "Return a report for revision",
            description = "Who may call: anyone above the owner in the reporting line. Sends a submitted report back with a"
                + " reason; the owner may edit and submit it again (version 2). Records `report.ReportReturned`.")
    @Refuses({NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PostMapping("/{reportId}/return")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> returnForRevision(@PathVariable String reportId, @Valid @RequestBody ReturnRequest request) {
        entry(reportId);
        commands.sendAndWait(new ReportCommands.ReturnReport(reportId, request.reason(), Actor.current().id()));
        log.info("report {} returned by {}", reportId, Actor.current().id());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Mark a report reviewed",
            description = "Who may call: anyone above the owner in the reporting line. Records `report.ReportReviewed` (检视)"
                + " on a submitted report.")
    @Refuses({NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @PostMapping("/{reportId}/review")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> review(@PathVariable String reportId) {
        entry(reportId);
        commands.sendAndWait(new ReportCommands.ReviewReport(reportId, Actor.current().id()));
        log.info("report {} reviewed by {}", reportId, Actor.current().id());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Read a report",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. The report with its fields, every submitted version, "
                + "the annotation threads with answers, its status and timeliness.")
    @Refuses({NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/{reportId}")
    public ReportView get(@PathVariable String reportId) {
        ReportIndex.Entry entry = entry(reportId);
        access.requireRead(Actor.current(), entry.ownerId(), entry.periodKey(), "report " + reportId);
        return reports.find(reportId).orElseThrow(() -> new NotFound("report " + reportId + " is not readable yet; try again"));
    }

    @Operation(summary = "List an owner's reports",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. One page of the owner's reports, of one period when "
                + "`periodKey` is given; `size` at most 500.")
    @Refuses({BAD_INPUT, NOT_ALLOWED})
    @GetMapping
    public ReportPage list(@RequestParam String ownerId, @RequestParam(required = false) String periodKey,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        access.requireRead(Actor.current(), ownerId, periodKey, "the reports");
        return new ReportPage(reports.ofOwner(ownerId, periodKey, page, size), page, size, reports.countOfOwner(ownerId, periodKey));
    }

    /** Submitted reports of everyone below the caller in the reporting line, oldest submission first. */
    @Operation(summary = "The caller's review inbox",
            description = "Who may call: anyone signed in; each caller sees only the submitted reports of everyone below "
                + "them in the reporting line (direct and indirect), oldest submission first, one page at a time "
                + "(`size` at most 500). Empty for someone with nobody below.")
    @Refuses({BAD_INPUT})
    @GetMapping("/inbox")
    public ReportPage inbox(@RequestParam(defaultValue = "0") @Min(0) int page,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        // the caller's line once (one read), not a walk up the chart for every submitted report
        java.util.Set<String> line = new java.util.HashSet<>(orgChart.lineBelow(Actor.current().id()));
        ReportProjection.SubmittedPage mine = reports.submittedBy(line, page, size);
        return new ReportPage(mine.reports(), page, size, mine.total());
    }

    private ReportIndex.Entry entry(String reportId) {
        return index.find(reportId).orElseThrow(() -> new NotFound("report " + reportId + " does not exist"));
    }
}
