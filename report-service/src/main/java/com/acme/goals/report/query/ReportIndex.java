package com.acme.goals.report.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.Optional;

/**
 * Written when a report is drafted, before the command: one report per owner, template and period (a unique
 * {@code _id} decides races), and each report's owner and template version, so the web layer can check a request
 * without waiting for the read model.
 */
public class ReportIndex {

    public record Entry(String reportId, String ownerId, String templateId, int templateVersion, String periodKey) {
    }

    private final MongoCollection<Document> byPeriod;
    private final MongoCollection<Document> byId;

    public ReportIndex(MongoDatabase database) {
        this.byPeriod = database.getCollection("report_keys");
        this.byId = database.getCollection("report_index");
    }

    static String periodKey(String ownerId, String templateId, String periodKey) {
        return ownerId + "|" + templateId + "|" + periodKey;
    }

    /** Claims the (owner, template, period) slot; returns the report that already holds it, if any. */
    public Optional<String> claim(Entry entry) {
        try {
            byPeriod.insertOne(new Document("_id", periodKey(entry.ownerId(), entry.templateId(), entry.periodKey()))
                    .append("reportId", entry.reportId()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return forPeriod(entry.ownerId(), entry.templateId(), entry.periodKey());
            }
            throw e;
        }
        byId.insertOne(new Document("_id", entry.reportId()).append("ownerId", entry.ownerId())
                .append("templateId", entry.templateId()).append("templateVersion", entry.templateVersion())
                .append("periodKey", entry.periodKey()));
        return Optional.empty();
    }

    public Optional<String> forPeriod(String ownerId, String templateId, String periodKey) {
        return Optional.ofNullable(byPeriod.find(Filters.eq("_id", periodKey(ownerId, templateId, periodKey))).first())
                .map(d -> d.getString("reportId"));
    }

    public Optional<Entry> find(String reportId) {
        return Optional.ofNullable(byId.find(Filters.eq("_id", reportId)).first())
                .map(d -> new Entry(d.getString("_id"), d.getString("ownerId"), d.getString("templateId"),
                        d.getInteger("templateVersion"), d.getString("periodKey")));
    }
}
