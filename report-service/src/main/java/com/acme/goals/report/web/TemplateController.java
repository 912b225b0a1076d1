package com.acme.goals.report.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
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

import static com.acme.goals.contracts.problem.ProblemType.CONFLICT;
import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/**
 * Report templates (api.md, Reports): anyone signed in reads them, admins write new versions and move the day a form
 * is first owed (recorded, with who and why, in the template's audit).
 */
@Tag(name = ApiTags.TEMPLATES)
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

    @Operation(summary = "Every report template",
            description = "Who may call: anyone signed in. The latest version of every template: its fields (types, "
                + "required, carried over, CRM source), who owes it, when it falls due and when it took effect.")
    @GetMapping
    public List<ReportTemplate> all() {
        return catalogue.all();
    }

    @Operation(summary = "One report template",
            description = "Who may call: anyone signed in. The latest version, or the one named by `version`.")
    @Refuses({NOT_FOUND})
    @GetMapping("/{templateId}")
    public ReportTemplate one(@PathVariable String templateId, @RequestParam(required = false) Integer version) {
        return (version == null ? catalogue.latest(templateId) : catalogue.version(templateId, version))
                .orElseThrow(() -> new NotFound("template " + templateId + (version == null ? "" : " v" + version) + " does not exist"));
    }

    /** {@code effectiveFrom} absent: owed from today, or tomorrow (see {@link ReportTemplate#effectiveFromIfStoredAt}). */
    @Operation(summary = "Create a report template",
            description = "Who may call: admins only. Version 1 of a new form; `effectiveFrom` defaults to today, or to "
                + "tomorrow when a period owed from today already fell due (reports are owed from the later of that day "
                + "and each person's joining day). Every field is checked, and "
                + "a refusal names it (`fields[0].type`, `fields[0].source.metric`).")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, CONFLICT})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    public ReportTemplate create(@RequestBody ReportTemplate template) {
        return revisions.create(template, Actor.current().id());
    }

    @Operation(summary = "Revise a report template",
            description = "Who may call: admins only. Saves the next version (earlier versions stay, and reports keep the "
                + "version they were written on). The effective day is carried over; a body naming another day is "
                + "refused (move it with `PUT …/effective-from`).")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT})
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

    @Operation(summary = "Move the day a template takes effect",
            description = "Who may call: admins only. Reports are owed from the later of this day and each person's joining"
                + " day; moving it earlier makes earlier periods owed (and MISSING once past their deadline). "
                + "`reason` is required; the change is kept in the template's audit.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND})
    @PutMapping("/{templateId}/effective-from")
    @PreAuthorize("hasRole('ADMIN')")
    public ReportTemplate moveEffectiveFrom(@PathVariable String templateId, @RequestBody EffectiveFrom body) {
        return revisions.moveEffectiveFrom(templateId, body.effectiveFrom(), body.reason(), Actor.current().id());
    }

    @Operation(summary = "A template's audit",
            description = "Who may call: admins only. Every change of when the form is owed (its effective day, its roles):"
                + " the version, the field, from, to, who, when and why, oldest first.")
    @Refuses({NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/{templateId}/audit")
    @PreAuthorize("hasRole('ADMIN')")
    public List<TemplateAudit.Change> audit(@PathVariable String templateId) {
        catalogue.latest(templateId).orElseThrow(() -> new NotFound("template " + templateId + " does not exist"));
        return audit.of(templateId);
    }
}
