package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether each report an employee owed came in on time, late, not at all, or was excused: one document per owner,
 * template and period, from {@code report.events}. The first submission decides (a resubmission after a return does
 * not make a late report punctual); an overdue report submitted later is LATE; an excuse covers only what never came.
 * Each rule is a conditional update, so a re-delivered event finds nothing to change.
 */
@Component
public class ReportTimeliness {

    /** How many of the reports due in some periods came on time, late, or not at all (excused ones are left out). */
    public record Counts(int onTime, int late, int missing, int excused) {
    }

    private final MongoCollection<Document> slots;

    public ReportTimeliness(MongoDatabase database) {
        this.slots = database.getCollection("report_timeliness");
        slots.createIndex(Indexes.ascending("ownerId", "periodKey"));
    }

    private static String id(String ownerId, String templateId, String periodKey) {
        return ownerId + "|" + templateId + "|" + periodKey;
    }

    public void submitted(String ownerId, String templateId, String periodKey, String timeliness) {
        String status = "ON_TIME".equals(timeliness) ? "ON_TIME" : "LATE";
        setUnless(ownerId, templateId, periodKey, Filters.nin("status", "ON_TIME", "LATE"), status);
    }

    public void overdue(String ownerId, String templateId, String periodKey) {
        setUnless(ownerId, templateId, periodKey, Filters.exists("status", false), "MISSING");
    }

    public void excused(String ownerId, String templateId, String periodKey) {
        setUnless(ownerId, templateId, periodKey, Filters.nin("status", "ON_TIME", "LATE"), "EXCUSED");
    }

    /** Sets the status when the slot is new or {@code when} holds; otherwise the upsert's insert collides and nothing changes. */
    private void setUnless(String ownerId, String templateId, String periodKey, org.bson.conversions.Bson when, String status) {
        try {
            slots.updateOne(Filters.and(Filters.eq("_id", id(ownerId, templateId, periodKey)), when),
                    Updates.combine(Updates.set("status", status), Updates.set("ownerId", ownerId), Updates.set("periodKey", periodKey),
                            Updates.set("templateId", templateId)),
                    new UpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException e) {
            if (e.getError().getCode() != 11000) {
                throw e;
            }
        }
    }

    public Counts counts(String ownerId, Collection<String> periodKeys) {
        return counts(List.of(ownerId), periodKeys).get(ownerId);
    }

    /** The counts of each of several owners over the same periods, in one query. */
    public Map<String, Counts> counts(Collection<String> ownerIds, Collection<String> periodKeys) {
        Map<String, int[]> tally = new java.util.HashMap<>();
        ownerIds.forEach(id -> tally.put(id, new int[4]));
        for (Document slot : slots.find(Filters.and(Filters.in("ownerId", ownerIds), Filters.in("periodKey", periodKeys)))) {
            int[] counts = tally.get(slot.getString("ownerId"));
            switch (slot.getString("status")) {
                case "ON_TIME" -> counts[0]++;
                case "LATE" -> counts[1]++;
                case "MISSING" -> counts[2]++;
                case "EXCUSED" -> counts[3]++;
                default -> {
                }
            }
        }
        Map<String, Counts> result = new java.util.HashMap<>();
        tally.forEach((id, c) -> result.put(id, new Counts(c[0], c[1], c[2], c[3])));
        return result;
    }

    /** One report owed: template, period and ON_TIME, LATE, MISSING or EXCUSED. */
    public record Slot(String templateId, String periodKey, String status) {
    }

    public java.util.List<Slot> slots(String ownerId, Collection<String> periodKeys) {
        java.util.List<Slot> found = new java.util.ArrayList<>();
        slots.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.in("periodKey", periodKeys)))
                .sort(com.mongodb.client.model.Sorts.ascending("periodKey", "templateId"))
                .forEach(d -> found.add(new Slot(d.getString("templateId"), d.getString("periodKey"), d.getString("status"))));
        return found;
    }

    /** Of the given weeks, those excused for the employee (a weekly report's period excused by the supervisor). */
    public Set<String> excusedWeeks(String ownerId, Collection<String> isoWeeks) {
        Set<String> excused = new HashSet<>();
        slots.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.in("periodKey", isoWeeks), Filters.eq("status", "EXCUSED")))
                .forEach(d -> excused.add(d.getString("periodKey")));
        return excused;
    }
}
