package com.acme.goals.report.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.team.org.OrgEntry;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.report.command.ReportCommands;
import com.acme.goals.report.command.ReportTemplate;
import com.acme.goals.report.query.ReportIndex;
import com.acme.goals.report.query.ReportProjection;
import com.acme.goals.report.query.TemplateCatalogue;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.conversions.Bson;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reports (api.md, Reports): draft, fill, submit, annotate, answer, return, review; reads and the inbox. */
@RestController
@RequestMapping("/api/reports")
public class ReportController {

    private static final Logger log = LoggerFactory.getLogger(ReportController.class);
    private final CommandGateway commands;
    private final TemplateCatalogue templates;
    private final ReportIndex index;
    private final ReportProjection reports;
    private final ActivityLedger ledger;
    private final OrgChart orgChart;
    private final Access access;
    private final EventStore eventStore;
    private final java.time.Clock clock;

    public ReportController(CommandGateway commands, TemplateCatalogue templates, ReportIndex index, ReportProjection reports,
                            ActivityLedger ledger, OrgChart orgChart, Access access, EventStore eventStore, java.time.Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
        this.commands = commands;
        this.templates = templates;
        this.index = index;
        this.reports = reports;
        this.ledger = ledger;
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

    public record Previous(String reportId, String periodKey, String status, Map<String, Object> fields) {
    }

    public record Drafted(String reportId, String ownerId, String templateId, int templateVersion, String periodKey,
                          Map<String, Object> fields, Instant dueAt, Previous previousPeriod) {
    }

    public record Created(String reportId, String id) {
    }

    public record Page(List<Document> items, int page, int size, long total) {
    }

    /**
     * Drafts the owner's report for a period, prefilled: carried fields from the previous period's report, actuals
     * from CRM activity where a field has a source, and the previous period's report beside it (上周周总结).
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Drafted draft(@Valid @RequestBody DraftRequest request) {
        Actor actor = Actor.current();
        if (!actor.id().equals(request.ownerId())) {
            throw new NotAllowed(actor.id() + " may not draft a report for " + request.ownerId() + ": only the owner may");
        }
        ReportTemplate template = templates.latest(request.templateId())
                .orElseThrow(() -> new DomainRuleBroken("templateId", "template " + request.templateId() + " does not exist"));
        Period period;
        try {
            period = Period.parse(PeriodType.valueOf(template.periodType()), request.periodKey());
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
        OrgEntry owner = orgChart.find(request.ownerId())
                .orElseThrow(() -> new DomainRuleBroken("ownerId", request.ownerId() + " is not in the org chart (yet)"));
        ZoneId zone = ZoneId.of(owner.timeZone());

        Previous previous = previousReport(request.ownerId(), template.templateId(), period.previous());
        Map<String, Object> fields = new LinkedHashMap<>();
        for (ReportTemplate.Field field : template.fields()) {
            if (field.carryFrom() != null && previous != null && previous.fields().get(field.carryFrom()) != null) {
                fields.put(field.key(), previous.fields().get(field.carryFrom()));
            } else if (field.source() != null) {
                Period over = "PREVIOUS".equals(field.source().period()) ? period.previous() : period;
                BigDecimal actual = ledger.totals(request.ownerId(), over.firstDay(), over.lastDay())
                        .getOrDefault(field.source().metric() + "|" + field.source().unit(), BigDecimal.ZERO);
                fields.put(field.key(), actual.toPlainString());
            }
        }
        String reportId = "R-" + UUID.randomUUID();
        ReportIndex.Entry entry = new ReportIndex.Entry(reportId, request.ownerId(), template.templateId(), template.version(), period.key());
        index.claim(entry, id -> eventStore.readEvents(id).hasNext(), clock.instant())
                .ifPresent(existing -> {
                    throw new Conflict("a " + template.templateId() + " report of " + request.ownerId() + " for " + period.key()
                            + " exists already: " + existing);
                });
        Instant dueAt = template.deadline().dueAt(period, zone);
        try {
            commands.sendAndWait(new ReportCommands.DraftReport(reportId, request.ownerId(), template.templateId(), template.version(),
                    template.kind(), period.key(), fields, template.requiredKeys(), dueAt));
        } catch (RuntimeException e) {
            index.release(entry); // the period is free again for the next try
            throw e;
        }
        log.info("report {} drafted by {} on {} v{} for {}", reportId, actor.id(), template.templateId(), template.version(), period.key());
        return new Drafted(reportId, request.ownerId(), template.templateId(), template.version(), period.key(), fields, dueAt, previous);
    }

    private Previous previousReport(String ownerId, String templateId, Period previousPeriod) {
        return index.forPeriod(ownerId, templateId, previousPeriod.key()).flatMap(reports::find)
                .map(d -> new Previous(d.getString("reportId"), d.getString("periodKey"), d.getString("status"),
                        new LinkedHashMap<>(d.get("fields", Document.class))))
                .orElse(null);
    }

    @PutMapping("/{reportId}")
    public ResponseEntity<Void> fill(@PathVariable String reportId, @Valid @RequestBody FillRequest request) {
        ReportIndex.Entry entry = entry(reportId);
        ReportTemplate template = templates.version(entry.templateId(), entry.templateVersion())
                .orElseThrow(() -> new NotFound("template " + entry.templateId() + " v" + entry.templateVersion() + " is gone"));
        template.checkValues(request.fields());
        commands.sendAndWait(new ReportCommands.FillReport(reportId, request.fields(), Actor.current().id()));
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
    public Document get(@PathVariable String reportId) {
        ReportIndex.Entry entry = entry(reportId);
        access.requireRead(Actor.current(), entry.ownerId(), Access.periodOf(entry.periodKey()), "report " + reportId);
        return reports.find(reportId).orElseThrow(() -> new NotFound("report " + reportId + " is not readable yet; try again"));
    }

    @GetMapping
    public Page list(@RequestParam String ownerId, @RequestParam(required = false) String periodKey,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        access.requireRead(Actor.current(), ownerId, Access.periodOf(periodKey), "the reports");
        Bson filter = periodKey == null ? Filters.eq("ownerId", ownerId)
                : Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("periodKey", periodKey));
        return new Page(reports.list(filter, Sorts.ascending("periodKey", "templateId"), page, size), page, size, reports.count(filter));
    }

    /** Submitted reports of everyone below the caller in the reporting line, oldest submission first. */
    @GetMapping("/inbox")
    public Page inbox(@RequestParam(defaultValue = "0") @Min(0) int page,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        // the caller's line once, not a walk up the chart for every submitted report
        java.util.Set<String> line = new java.util.HashSet<>(orgChart.lineBelow(Actor.current().id()));
        List<Document> mine = new ArrayList<>();
        for (Document report : reports.submitted()) {
            if (line.contains(report.getString("ownerId"))) {
                mine.add(report);
            }
        }
        int from = Math.min(mine.size(), page * size);
        return new Page(mine.subList(from, Math.min(mine.size(), from + size)), page, size, mine.size());
    }

    private ReportIndex.Entry entry(String reportId) {
        return index.find(reportId).orElseThrow(() -> new NotFound("report " + reportId + " does not exist"));
    }
}
