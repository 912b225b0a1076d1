package com.acme.goals.report.config;

import org.springframework.stereotype.Component;
import com.acme.goals.report.application.TemplateRevisions;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;

import java.io.InputStream;
import java.util.List;

/**
 * Ships the seed's channel-manager weekly template and a sales rep's daily template, once, as version 1, owed from the
 * day they are stored: a company that adopts the product owes no reports for the weeks before it did.
 */
@Component
public class TemplateSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TemplateSeed.class);
    private final TemplateCatalogue catalogue;
    private final TemplateRevisions revisions;
    private final ObjectMapper json;

    public TemplateSeed(TemplateCatalogue catalogue, TemplateRevisions revisions, ObjectMapper json) {
        this.catalogue = catalogue;
        this.revisions = revisions;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        try (InputStream in = new ClassPathResource("seed/templates.json").getInputStream()) {
            List<ReportTemplate> seeds = json.readValue(in, new TypeReference<>() {
            });
            for (ReportTemplate seed : seeds) {
                if (catalogue.latest(seed.templateId()).isEmpty()) {
                    try {
                        revisions.create(seed, "seed");
                    } catch (com.acme.goals.platform.errors.Conflict storedByAnotherReplica) {
                        log.info("seed template {} was stored by another replica starting at the same time", seed.templateId());
                    }
                }
            }
        }
    }
}
