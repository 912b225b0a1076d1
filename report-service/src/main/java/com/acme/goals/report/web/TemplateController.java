package com.acme.goals.report.web;

import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.application.TemplateRevisions;
import com.acme.goals.report.readmodel.TemplateAudit;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/**
 * Report templates (api.md, Reports): anyone signed in reads them, admins write new versions and move the day a form
 * is first owed (recorded, with who and why, in the template's audit).
 */
@RestController
@RequestMapping("/api/report-templates")
public class TemplateController {

    private final TemplateCatalogue catalogue;
    private final TemplateRevisions revisions;
    private final TemplateAudit audit;

    public TemplateController(TemplateCatalogue catalogue, TemplateRevisions revisions, TemplateAudit audit) {
        this.catalogue = catalogue;
        this.revisions = revisions;
        this.audit = audit;
    }

    @GetMapping
    public List<ReportTemplate> all() {
        return catalogue.all();
    }

    @GetMapping("/{templateId}")
    public ReportTemplate one(@PathVariable String templateId, @RequestParam(required = false) Integer version) {
        return (version == null ? catalogue.latest(templateId) : catalogue.version(templateId, version))
                .orElseThrow(() -> new NotFound("template " + templateId + (version == null ? "" : " v" + version) + " does not exist"));
    }

    /** {@code effectiveFrom} absent: owed from today (see {@link ReportTemplate#effectiveFromNow}). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    public ReportTemplate create(@RequestBody ReportTemplate template) {
        return revisions.create(template, Actor.current().id());
    }

    @PutMapping("/{templateId}")
    @PreAuthorize("hasRole('ADMIN')")
    public ReportTemplate revise(@PathVariable String templateId, @RequestBody ReportTemplate template) {
        if (template.templateId() != null && !template.templateId().equals(templateId)) {
            throw new DomainRuleBroken("templateId", "the body's templateId " + template.templateId() + " differs from the path's " + templateId);
        }
        ReportTemplate body = new ReportTemplate(templateId, 0, template.name(), template.role(), template.periodType(),
                template.kind(), template.fields(), template.deadline(), template.effectiveFrom());
        return revisions.revise(body, Actor.current().id());
    }

    /** The first day the form is owed, and why it moves. */
    public record EffectiveFrom(LocalDate effectiveFrom, String reason) {
    }

    @PutMapping("/{templateId}/effective-from")
    @PreAuthorize("hasRole('ADMIN')")
    public ReportTemplate moveEffectiveFrom(@PathVariable String templateId, @RequestBody EffectiveFrom body) {
        return revisions.moveEffectiveFrom(templateId, body.effectiveFrom(), body.reason(), Actor.current().id());
    }

    @GetMapping("/{templateId}/audit")
    @PreAuthorize("hasRole('ADMIN')")
    public List<TemplateAudit.Change> audit(@PathVariable String templateId) {
        catalogue.latest(templateId).orElseThrow(() -> new NotFound("template " + templateId + " does not exist"));
        return audit.of(templateId);
    }
}
