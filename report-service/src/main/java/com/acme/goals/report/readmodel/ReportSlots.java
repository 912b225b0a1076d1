package com.acme.goals.report.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.report.MissingEscalated;
import com.acme.goals.contracts.report.PeriodExcused;
import com.acme.goals.contracts.report.ReminderDue;
import com.acme.goals.contracts.report.ReportOverdue;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/** Missing and excused periods per owner: one document per slot, MISSING until excused. Rebuilt by replay. */
@Component
@ProcessingGroup("report-slots")
public class ReportSlots {

    private final MongoCollection<Document> slots;
    private final MongoCollection<Document> reminders;

    public ReportSlots(MongoDatabase database) {
        this.slots = database.getCollection("report_slots");
        this.reminders = database.getCollection("report_reminders");
        slots.createIndex(com.mongodb.client.model.Indexes.ascending("ownerId", "periodKey"));
        slots.createIndex(com.mongodb.client.model.Indexes.ascending("state", "dueAt")); // escalations due
    }

    @EventHandler
    void on(ReportOverdue e) {
        Document existing = slots.find(Filters.eq("_id", e.slotId())).first();
        if (existing != null && "EXCUSED".equals(existing.getString("state"))) {
            return;
        }
        slots.replaceOne(Filters.eq("_id", e.slotId()), new Document("_id", e.slotId()).append("ownerId", e.ownerId())
                .append("templateId", e.templateId()).append("periodKey", e.periodKey()).append("state", "MISSING")
                .append("dueAt", e.dueAt().toString()), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(PeriodExcused e) {
        slots.replaceOne(Filters.eq("_id", e.slotId()), new Document("_id", e.slotId()).append("ownerId", e.ownerId())
                .append("templateId", e.templateId()).append("periodKey", e.periodKey()).append("state", "EXCUSED")
                .append("reason", e.reason()).append("excusedBy", e.excusedBy()), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(MissingEscalated e) {
        slots.updateOne(Filters.and(Filters.eq("_id", e.slotId()), Filters.eq("state", "MISSING")),
                com.mongodb.client.model.Updates.set("escalatedLevel", e.level()));
    }

    @EventHandler
    void on(ReminderDue e) {
        reminders.replaceOne(Filters.eq("_id", e.slotId()), new Document("_id", e.slotId()).append("ownerId", e.ownerId())
                .append("remindedAt", e.remindedAt().toString()), new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        slots.deleteMany(new Document());
        reminders.deleteMany(new Document());
    }

    public boolean wasReminded(String slotId) {
        return reminders.find(Filters.eq("_id", slotId)).first() != null;
    }

    /** A MISSING slot and how far it has been escalated (0: not yet). */
    public record Escalation(String slotId, String ownerId, String templateId, String periodKey, String dueAt, int escalatedLevel) {
    }

    /**
     * MISSING slots whose next escalation is due: not escalated yet and due at or before {@code firstBefore}, or
     * escalated once and due at or before {@code secondBefore}. Read through an index on (state, dueAt), so a run costs
     * the slots it escalates. Due times are whole minutes, stored as ISO-8601 text, which sorts as time does.
     */
    public List<Escalation> awaitingEscalation(java.time.Instant firstBefore, java.time.Instant secondBefore) {
        List<Escalation> found = new ArrayList<>();
        for (var due : List.of(
                Filters.and(Filters.eq("state", "MISSING"), Filters.lte("dueAt", iso(firstBefore)),
                        Filters.or(Filters.exists("escalatedLevel", false), Filters.eq("escalatedLevel", 0))),
                Filters.and(Filters.eq("state", "MISSING"), Filters.lte("dueAt", iso(secondBefore)), Filters.eq("escalatedLevel", 1)))) {
            slots.find(due).forEach(d -> found.add(new Escalation(d.getString("_id"), d.getString("ownerId"), d.getString("templateId"),
                    d.getString("periodKey"), d.getString("dueAt"), d.getInteger("escalatedLevel", 0))));
        }
        return found;
    }

    private static String iso(java.time.Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** True when the slot is already MISSING or EXCUSED: the sweep need not look at it again. */
    public boolean isSettled(String slotId) {
        return slots.find(Filters.eq("_id", slotId)).first() != null;
    }

    /** The state (MISSING or EXCUSED) of each of the given slots that was settled, from one read. */
    public java.util.Map<String, String> states(java.util.Collection<String> slotIds) {
        java.util.Map<String, String> found = new java.util.HashMap<>();
        if (!slotIds.isEmpty()) {
            slots.find(Filters.in("_id", slotIds)).projection(new Document("state", 1))
                    .forEach(d -> found.put(d.getString("_id"), d.getString("state")));
        }
        return found;
    }

    /** MISSING or EXCUSED, if the slot was settled. */
    public java.util.Optional<String> state(String slotId) {
        return java.util.Optional.ofNullable(slots.find(Filters.eq("_id", slotId)).first()).map(d -> d.getString("state"));
    }

    /** A period someone missed or was excused from. */
    public record SlotView(String ownerId, String templateId, String periodKey, String state, String dueAt, String reason,
                           String excusedBy) {
    }

    public List<SlotView> forOwner(String ownerId) {
        List<SlotView> found = new ArrayList<>();
        slots.find(Filters.eq("ownerId", ownerId)).sort(Sorts.ascending("periodKey", "templateId")).forEach(d -> found.add(
                new SlotView(d.getString("ownerId"), d.getString("templateId"), d.getString("periodKey"), d.getString("state"),
                        d.getString("dueAt"), d.getString("reason"), d.getString("excusedBy"))));
        return found;
    }
}
