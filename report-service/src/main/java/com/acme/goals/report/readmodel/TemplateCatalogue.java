package com.acme.goals.report.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.report.domain.ReportTemplate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Report templates, every version kept ({@code _id = channel-manager-weekly|3}), so a report written on an old
 * version stays readable. Templates are company configuration, not events: they are the source, not a read model.
 */
@Component
public class TemplateCatalogue {

    private final MongoCollection<Document> versions;
    private final ObjectMapper json;

    public TemplateCatalogue(MongoDatabase database, ObjectMapper json) {
        this.versions = database.getCollection("report_templates");
        this.json = json;
    }

    /** Stores version 1 of a new template; an existing id is a 409. */
    public ReportTemplate create(ReportTemplate template) {
        if (latest(template.templateId()).isPresent()) {
            throw new Conflict("template " + template.templateId() + " exists; PUT a new version instead");
        }
        return insert(template.withVersion(1));
    }

    /** Stores the next version; the previous ones stay. */
    public ReportTemplate revise(ReportTemplate template) {
        ReportTemplate current = latest(template.templateId())
                .orElseThrow(() -> new NotFound("template " + template.templateId() + " does not exist"));
        return insert(template.withVersion(current.version() + 1));
    }

    private ReportTemplate insert(ReportTemplate template) {
        Document doc = new Document(json.convertValue(template, Map.class));
        doc.put("_id", template.templateId() + "|" + template.version());
        try {
            versions.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new Conflict("template " + template.templateId() + " v" + template.version() + " was just written by someone else");
            }
            throw e;
        }
        return template;
    }

    public Optional<ReportTemplate> version(String templateId, int version) {
        return Optional.ofNullable(versions.find(Filters.eq("_id", templateId + "|" + version)).first()).map(this::template);
    }

    public Optional<ReportTemplate> latest(String templateId) {
        return Optional.ofNullable(versions.find(Filters.eq("templateId", templateId)).sort(Sorts.descending("version")).first())
                .map(this::template);
    }

    /** The latest version of every template. */
    public List<ReportTemplate> all() {
        Map<String, ReportTemplate> latest = new java.util.TreeMap<>();
        versions.find().forEach(d -> {
            ReportTemplate t = template(d);
            latest.merge(t.templateId(), t, (a, b) -> a.version() >= b.version() ? a : b);
        });
        return new ArrayList<>(latest.values());
    }

    private ReportTemplate template(Document doc) {
        doc.remove("_id");
        return json.convertValue(doc, ReportTemplate.class);
    }
}
