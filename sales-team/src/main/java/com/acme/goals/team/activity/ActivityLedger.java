package com.acme.goals.team.activity;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every recorded activity of an owner, in documents per owner, day and bucket ({@code _id = E-042|2026-11-24|07}),
 * each activity stored under its own id in the bucket its id hashes to. Buckets keep documents small: a store
 * rewrites (and mongo-java-server deep-copies) the whole document on every update, and one document per busy day
 * made that the cost of ingest. Setting a field by activity id is idempotent and order-free: a duplicate
 * or a re-delivery writes the same value again, so totals are never counted twice. A period's actual is the sum
 * over its days, read by {@code _id} (unique index, even on mongo-java-server).
 */
public class ActivityLedger {

    private final MongoCollection<Document> days;

    public ActivityLedger(MongoDatabase database) {
        this.days = database.getCollection("activity_days");
    }

    static final int BUCKETS = 16;

    public static String dayId(String ownerId, LocalDate day, String activityId) {
        return bucketId(ownerId, day, Math.floorMod(activityId.hashCode(), BUCKETS));
    }

    private static String bucketId(String ownerId, LocalDate day, int bucket) {
        return ownerId + "|" + day + "|" + (bucket < 10 ? "0" : "") + bucket;
    }

    /**
     * Records a batch with one bulk write, one update per document: the store rewrites a whole document on each
     * update, so the batch's activities of one owner, day and bucket go in together. An activity twice in a batch
     * (a duplicate) is set once.
     */
    public void record(List<ActivityRecorded> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Map<String, ActivityRecorded>> byDocument = new LinkedHashMap<>();
        for (ActivityRecorded a : batch) {
            byDocument.computeIfAbsent(dayId(a.ownerId(), a.day(), a.activityId()), id -> new LinkedHashMap<>()).put(a.activityId(), a);
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byDocument.size());
        byDocument.forEach((id, activities) -> {
            ActivityRecorded first = activities.values().iterator().next();
            Document set = new Document();
            activities.forEach((activityId, a) -> set.append("activities." + activityId, entry(a)));
            Document update = new Document("$set", set)
                    .append("$setOnInsert", new Document("ownerId", first.ownerId()).append("day", first.day().toString()));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), update, new UpdateOptions().upsert(true)));
        });
        days.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    private static Document entry(ActivityRecorded a) {
        List<Document> deltas = a.deltas().stream()
                .map(d -> new Document("metric", d.metric()).append("amount", d.amount().toPlainString()).append("unit", d.unit()))
                .toList();
        return new Document("type", a.inboundType()).append("ref", a.recordRef())
                .append("idField", a.recordIdField()).append("recordId", a.recordId()).append("subject", a.subject())
                .append("customerId", a.customerId()).append("at", a.occurredAt().toString()).append("deltas", deltas);
    }

    /**
     * One recorded activity as the ledger keeps it: named by its own id ({@code recordIdField} paymentId,
     * {@code recordId} P-17); {@code subject} is the sender's reference. Recorded before those were kept: both null.
     */
    public record Entry(String activityId, String type, String ref, String recordIdField, String recordId, String subject,
                        String customerId, LocalDate day, String at, List<Delta> deltas) {
    }

    /** What one activity added to one metric, the amount as recorded (a decimal string: no rounding on the way). */
    public record Delta(String metric, String amount, String unit) {
    }

    /** An owner's recorded activity over the given days, in time order. */
    public List<Entry> entries(String ownerId, LocalDate firstDay, LocalDate lastDay) {
        return entriesByOwner(List.of(ownerId), firstDay, lastDay).get(ownerId);
    }

    /** Each owner's recorded activity over the same days, in time order, from one query (a team at once). */
    public Map<String, List<Entry>> entriesByOwner(java.util.Collection<String> ownerIds, LocalDate firstDay, LocalDate lastDay) {
        Map<String, List<Entry>> byOwner = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (String ownerId : ownerIds) {
            byOwner.put(ownerId, new ArrayList<>());
            ids.addAll(dayIds(ownerId, firstDay, lastDay));
        }
        if (ids.isEmpty()) {
            return byOwner;
        }
        days.find(Filters.in("_id", ids)).forEach(day -> {
            Document activities = day.get("activities", Document.class);
            List<Entry> entries = byOwner.get(day.getString("ownerId"));
            if (activities == null || entries == null) {
                return;
            }
            LocalDate date = LocalDate.parse(day.getString("day"));
            activities.forEach((id, value) -> {
                Document a = (Document) value;
                entries.add(new Entry(id, a.getString("type"), a.getString("ref"), a.getString("idField"),
                        a.getString("recordId"), a.getString("subject"), a.getString("customerId"), date,
                        a.getString("at"), a.getList("deltas", Document.class).stream()
                        .map(d -> new Delta(d.getString("metric"), d.getString("amount"), d.getString("unit"))).toList()));
            });
        });
        byOwner.values().forEach(entries -> entries.sort(java.util.Comparator.comparing(Entry::at).thenComparing(Entry::activityId)));
        return byOwner;
    }

    private static List<String> dayIds(String ownerId, LocalDate firstDay, LocalDate lastDay) {
        List<String> ids = new ArrayList<>();
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                ids.add(bucketId(ownerId, d, bucket));
            }
        }
        return ids;
    }

    /** Totals per metric and unit ({@code payment_collection|CNY}) of an owner over the given days. */
    public Map<String, BigDecimal> totals(String ownerId, LocalDate firstDay, LocalDate lastDay) {
        return totals(entries(ownerId, firstDay, lastDay));
    }

    /** Totals per metric and unit of each of several owners over the same days, from one query. */
    public Map<String, Map<String, BigDecimal>> totalsByOwner(java.util.Collection<String> ownerIds, LocalDate firstDay, LocalDate lastDay) {
        Map<String, Map<String, BigDecimal>> totals = new HashMap<>();
        entriesByOwner(ownerIds, firstDay, lastDay).forEach((owner, entries) -> totals.put(owner, totals(entries)));
        return totals;
    }

    /** Totals per metric and unit of the given entries. */
    public static Map<String, BigDecimal> totals(List<Entry> entries) {
        Map<String, BigDecimal> totals = new HashMap<>();
        for (Entry entry : entries) {
            for (Delta delta : entry.deltas()) {
                totals.merge(delta.metric() + "|" + delta.unit(), new BigDecimal(delta.amount()), BigDecimal::add);
            }
        }
        return totals;
    }

}
