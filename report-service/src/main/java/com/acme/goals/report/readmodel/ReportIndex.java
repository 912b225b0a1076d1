package com.acme.goals.report.readmodel;

import org.springframework.stereotype.Component;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Written when a report is drafted, before the command: one report per owner, template and period (a unique
 * {@code _id} decides races), and each report's owner and template version, so the web layer can check a request
 * without waiting for the read model.
 */
@Component
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

    /** How long a claim is honoured with no report behind it: a draft takes milliseconds, so older means it never happened. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    /**
     * Claims the (owner, template, period) slot; returns the report that already holds it, if any. A claim whose
     * report never came to exist (the draft command failed, or the service died between the claim and the draft) is
     * taken over once it is older than {@link #ABANDONED_AFTER}, so the period is never blocked for good.
     */
    public Optional<String> claim(Entry entry, Predicate<String> reportExists, Instant now) {
        String key = periodKey(entry.ownerId(), entry.templateId(), entry.periodKey());
        Document claim = new Document("_id", key).append("reportId", entry.reportId()).append("claimedAt", now.toString());
        try {
            byPeriod.insertOne(claim);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document held = byPeriod.find(Filters.eq("_id", key)).first();
            if (held == null || !abandoned(held, reportExists, now)) {
                return Optional.ofNullable(held).map(d -> d.getString("reportId"));
            }
            // conditional on the abandoned report id: of two takers at once, one wins and the other sees its claim
            if (byPeriod.replaceOne(Filters.and(Filters.eq("_id", key), Filters.eq("reportId", held.getString("reportId"))), claim)
                    .getModifiedCount() == 0) {
                return forPeriod(entry.ownerId(), entry.templateId(), entry.periodKey());
            }
            byId.deleteOne(Filters.eq("_id", held.getString("reportId")));
        }
        byId.insertOne(new Document("_id", entry.reportId()).append("ownerId", entry.ownerId())
                .append("templateId", entry.templateId()).append("templateVersion", entry.templateVersion())
                .append("periodKey", entry.periodKey()));
        return Optional.empty();
    }

    private static boolean abandoned(Document claim, Predicate<String> reportExists, Instant now) {
        String at = claim.getString("claimedAt");
        boolean old = at == null || Instant.parse(at).plus(ABANDONED_AFTER).isBefore(now);
        return old && !reportExists.test(claim.getString("reportId"));
    }

    /** Gives the slot back when the draft it was claimed for failed; only this report's claim is removed. */
    public void release(Entry entry) {
        byPeriod.deleteOne(Filters.and(Filters.eq("_id", periodKey(entry.ownerId(), entry.templateId(), entry.periodKey())),
                Filters.eq("reportId", entry.reportId())));
        byId.deleteOne(Filters.eq("_id", entry.reportId()));
    }

    /** The report of each of several owners on a template for a period, from one read: owner → report id, if any. */
    public java.util.Map<String, String> forPeriod(java.util.Collection<String> ownerIds, String templateId, String periodKey) {
        java.util.Map<String, String> ownerOf = new java.util.HashMap<>();
        ownerIds.forEach(owner -> ownerOf.put(periodKey(owner, templateId, periodKey), owner));
        java.util.Map<String, String> found = new java.util.HashMap<>();
        if (!ownerOf.isEmpty()) {
            byPeriod.find(Filters.in("_id", ownerOf.keySet()))
                    .forEach(d -> found.put(ownerOf.get(d.getString("_id")), d.getString("reportId")));
        }
        return found;
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
