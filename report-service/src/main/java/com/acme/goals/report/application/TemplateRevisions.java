package com.acme.goals.report.application;

import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.readmodel.TemplateAudit;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Writing templates, and the one rule about when a form is owed: a new template takes effect the day it is created
 * unless the admin names a day; a revision keeps the day; a revision that hands the form to another role takes effect
 * for that role from the day of the revision (its members owed nothing before); and the day itself moves only through
 * {@link #moveEffectiveFrom}, which says who moved it and why. Each of these is a new version, so nothing earlier is
 * rewritten, and each change of the day is in the {@link TemplateAudit}.
 */
public class TemplateRevisions {

    private static final Logger log = LoggerFactory.getLogger(TemplateRevisions.class);
    private final TemplateCatalogue catalogue;
    private final TemplateAudit audit;
    private final SweepCursor cursor;
    private final Clock clock;

    public TemplateRevisions(TemplateCatalogue catalogue, TemplateAudit audit, SweepCursor cursor, Clock clock) {
        this.catalogue = catalogue;
        this.audit = audit;
        this.cursor = cursor;
        this.clock = clock;
    }

    public ReportTemplate create(ReportTemplate template, String by) {
        ReportTemplate checked = template.checked();
        ReportTemplate created = catalogue.create(checked.effectiveFrom() != null ? checked
                : checked.withEffectiveFrom(checked.effectiveFromIfStoredAt(clock.instant())));
        log.info("template {} v{} created by {}, owed from {}", created.templateId(), created.version(), by, created.effectiveFrom());
        return created;
    }

    public ReportTemplate revise(ReportTemplate template, String by) {
        ReportTemplate current = current(template.templateId());
        if (template.effectiveFrom() != null && !template.effectiveFrom().equals(current.effectiveFrom())) {
            throw new DomainRuleBroken("effectiveFrom", "effectiveFrom: is " + current.effectiveFrom() + "; it changes only through "
                    + "PUT /api/report-templates/" + current.templateId() + "/effective-from, which records who changed it and why");
        }
        boolean reassigned = !Objects.equals(template.role(), current.role());
        Instant now = clock.instant();
        ReportTemplate checked = template.checked();
        LocalDate effectiveFrom = reassigned ? later(current.effectiveFrom(), checked.effectiveFromIfStoredAt(now)) : current.effectiveFrom();
        ReportTemplate revised = catalogue.revise(checked.withEffectiveFrom(effectiveFrom));
        if (reassigned) {
            audit.record(new TemplateAudit.Change(revised.templateId(), revised.version(), "role", current.role(), revised.role(),
                    by, now, "reassigned: owed by " + revised.role() + " from " + effectiveFrom));
        }
        log.info("template {} v{} written by {}{}", revised.templateId(), revised.version(), by,
                reassigned ? ", reassigned from " + current.role() + " to " + revised.role() + ", owed from " + effectiveFrom : "");
        return revised;
    }

    /**
     * Moves the first day the form is owed. Later: periods before it are no longer owed (those already marked MISSING
     * stay, as history; a supervisor excuses them). Earlier: the sweep looks at the template's owners again from the
     * new day, so periods between the two days that were not submitted become MISSING.
     */
    public ReportTemplate moveEffectiveFrom(String templateId, LocalDate day, String reason, String by) {
        if (day == null) {
            throw new DomainRuleBroken("effectiveFrom", "effectiveFrom: is required, a day such as 2026-10-01");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new DomainRuleBroken("reason", "reason: say why the day moves, in at most 500 characters");
        }
        ReportTemplate current = current(templateId);
        if (day.equals(current.effectiveFrom())) {
            return current;
        }
        ReportTemplate moved = catalogue.revise(current.withEffectiveFrom(day));
        audit.record(new TemplateAudit.Change(templateId, moved.version(), "effectiveFrom",
                current.effectiveFrom() == null ? null : current.effectiveFrom().toString(), day.toString(), by, clock.instant(), reason));
        if (current.effectiveFrom() != null && day.isBefore(current.effectiveFrom())) {
            cursor.restart(templateId);
        }
        log.info("template {} v{}: owed from {} (was {}), moved by {}: {}", templateId, moved.version(), day,
                current.effectiveFrom(), by, reason);
        return moved;
    }

    private ReportTemplate current(String templateId) {
        return catalogue.latest(templateId).orElseThrow(() -> new NotFound("template " + templateId + " does not exist"));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
