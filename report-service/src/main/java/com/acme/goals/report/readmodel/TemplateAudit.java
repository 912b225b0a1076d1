package com.acme.goals.report.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who changed when a template's reports are owed, when and why: the effective date decides which periods can be
 * MISSING, so it never changes without a line here. Like the templates, a source (company configuration), not a read
 * model: kept for ever, never rebuilt.
 */
@Component
public class TemplateAudit {

    /** One change: {@code field} effectiveFrom (moved by an admin) or role (the form reassigned, owed from then). */
    public record Change(String templateId, int version, String field, String from, String to, String by, Instant at,
                         String reason) {
    }

    private final MongoCollection<Document> changes;

    public TemplateAudit(MongoDatabase database) {
        this.changes = database.getCollection("report_template_audit");
        changes.createIndex(Indexes.ascending("templateId", "at"));
    }

    public void record(Change change) {
        changes.insertOne(new Document("templateId", change.templateId()).append("version", change.version())
                .append("field", change.field()).append("from", change.from()).append("to", change.to())
                .append("by", change.by()).append("at", change.at().toString()).append("reason", change.reason()));
    }

    /** A template's changes, oldest first. */
    public List<Change> of(String templateId) {
        List<Change> found = new ArrayList<>();
        changes.find(Filters.eq("templateId", templateId)).sort(Sorts.ascending("at")).forEach(d -> found.add(new Change(
                d.getString("templateId"), d.getInteger("version", 0), d.getString("field"), d.getString("from"),
                d.getString("to"), d.getString("by"), Instant.parse(d.getString("at")), d.getString("reason"))));
        return found;
    }
}
