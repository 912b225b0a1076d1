package com.acme.goals.report.application;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.report.domain.ReportCommands;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.readmodel.ReportIndex;
import com.acme.goals.report.readmodel.ReportProjection;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.team.org.OrgEntry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Drafts an owner's report for a period on the latest version of its template, prefilled: carried fields from the
 * previous period's report, actuals from CRM activity where a field has a source, and the previous period's report
 * beside it (上周周总结). One report per owner, template and period: the index claims the period first. Filling in
 * checks the values against the template version the report was drafted on.
 */
@Component
public class ReportDrafting {

    /** The previous period's report, shown beside the draft. */
    public record Previous(String reportId, String periodKey, String status, Map<String, Object> fields) {
    }

    public record Drafted(String reportId, String ownerId, String templateId, int templateVersion, String periodKey,
                          Map<String, Object> fields, Instant dueAt, Previous previousPeriod) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReportDrafting.class);
    private final CommandGateway commands;
    private final TemplateCatalogue templates;
    private final ReportIndex index;
    private final ReportProjection reports;
    private final Actuals actuals;
    private final OrgChart orgChart;
    private final EventStore eventStore;
    private final Clock clock;

    public ReportDrafting(CommandGateway commands, TemplateCatalogue templates, ReportIndex index, ReportProjection reports,
                          Actuals actuals, OrgChart orgChart, EventStore eventStore, Clock clock) {
        this.commands = commands;
        this.templates = templates;
        this.index = index;
        this.reports = reports;
        this.actuals = actuals;
        this.orgChart = orgChart;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    public Drafted draft(String by, String templateId, String ownerId, String periodKey) {
        if (!by.equals(ownerId)) {
            throw new NotAllowed(by + " may not draft a report for " + ownerId + ": only the owner may");
        }
        ReportTemplate template = templates.latest(templateId)
                .orElseThrow(() -> new DomainRuleBroken("templateId", "template " + templateId + " does not exist"));
        Period period;
        try {
            period = Period.parse(PeriodType.valueOf(template.periodType()), periodKey);
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
        OrgEntry owner = orgChart.find(ownerId)
                .orElseThrow(() -> new DomainRuleBroken("ownerId", ownerId + " is not in the org chart (yet)"));
        Previous previous = previousReport(ownerId, template.templateId(), period.previous());
        Map<String, Object> fields = prefill(template, ownerId, period, previous);

        String reportId = "R-" + UUID.randomUUID();
        ReportIndex.Entry entry = new ReportIndex.Entry(reportId, ownerId, template.templateId(), template.version(), period.key());
        index.claim(entry, id -> eventStore.readEvents(id).hasNext(), clock.instant())
                .ifPresent(existing -> {
                    throw new Conflict("a " + template.templateId() + " report of " + ownerId + " for " + period.key()
                            + " exists already: " + existing);
                });
        Instant dueAt = template.deadline().dueAt(period, ZoneId.of(owner.timeZone()));
        try {
            commands.sendAndWait(new ReportCommands.DraftReport(reportId, ownerId, template.templateId(), template.version(),
                    template.kind(), period.key(), fields, template.requiredKeys(), dueAt));
        } catch (RuntimeException e) {
            index.release(entry); // the period is free again for the next try
            throw e;
        }
        log.info("report {} drafted by {} on {} v{} for {}", reportId, by, template.templateId(), template.version(), period.key());
        return new Drafted(reportId, ownerId, template.templateId(), template.version(), period.key(), fields, dueAt, previous);
    }

    /** Fills in a report; values are checked against the template version the report was drafted on. */
    public void fill(String by, ReportIndex.Entry report, Map<String, Object> values) {
        ReportTemplate template = templates.version(report.templateId(), report.templateVersion())
                .orElseThrow(() -> new NotFound("template " + report.templateId() + " v" + report.templateVersion() + " is gone"));
        template.checkValues(values);
        commands.sendAndWait(new ReportCommands.FillReport(report.reportId(), values, by));
    }

    private Map<String, Object> prefill(ReportTemplate template, String ownerId, Period period, Previous previous) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<Period, List<Actuals.Total>> read = new HashMap<>(); // one call per period, however many fields it feeds
        for (ReportTemplate.Field field : template.fields()) {
            if (field.carryFrom() != null && previous != null && previous.fields().get(field.carryFrom()) != null) {
                fields.put(field.key(), previous.fields().get(field.carryFrom()));
            } else if (field.source() != null) {
                Period over = "PREVIOUS".equals(field.source().period()) ? period.previous() : period;
                BigDecimal actual = read.computeIfAbsent(over, p -> actuals.of(ownerId, p)).stream()
                        .filter(total -> total.metric().equals(field.source().metric())
                                && Objects.equals(total.unit(), field.source().unit()))
                        .map(Actuals.Total::amount).findFirst().orElse(BigDecimal.ZERO);
                fields.put(field.key(), actual.toPlainString());
            }
        }
        return fields;
    }

    private Previous previousReport(String ownerId, String templateId, Period previousPeriod) {
        return index.forPeriod(ownerId, templateId, previousPeriod.key()).flatMap(reports::find)
                .map(r -> new Previous(r.reportId(), r.periodKey(), r.status(), r.fields()))
                .orElse(null);
    }
}
