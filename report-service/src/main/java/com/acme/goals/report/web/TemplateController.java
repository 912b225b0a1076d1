package com.acme.goals.report.web;

import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

import java.util.List;

/** Report templates (api.md, Reports): anyone signed in reads them, admins write new versions. */
@RestController
@RequestMapping("/api/report-templates")
public class TemplateController {

    private static final Logger log = LoggerFactory.getLogger(TemplateController.class);
    private final TemplateCatalogue catalogue;

    public TemplateController(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
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

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    public ReportTemplate create(@RequestBody ReportTemplate template) {
        ReportTemplate created = catalogue.create(template.checked());
        log.info("template {} v{} created by {}", created.templateId(), created.version(), Actor.current().id());
        return created;
    }

    @PutMapping("/{templateId}")
    @PreAuthorize("hasRole('ADMIN')")
    public ReportTemplate revise(@PathVariable String templateId, @RequestBody ReportTemplate template) {
        if (template.templateId() != null && !template.templateId().equals(templateId)) {
            throw new DomainRuleBroken("templateId", "the body's templateId " + template.templateId() + " differs from the path's " + templateId);
        }
        ReportTemplate body = new ReportTemplate(templateId, 0, template.name(), template.role(), template.periodType(),
                template.kind(), template.fields(), template.deadline());
        ReportTemplate revised = catalogue.revise(body.checked());
        log.info("template {} v{} written by {}", revised.templateId(), revised.version(), Actor.current().id());
        return revised;
    }
}
