package com.acme.goals.team.activity;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 *
 * <p>Each activity is one string, a JSON array ({@link #encode}), not a sub-document: a store that sizes, copies
 * and compares the whole document on every update (mongo-java-server does all three) pays per value, and a
 * sub-document of eight fields and a list of deltas was most of the launcher's CPU at a thousand events a second.
 * Entries written before that, as sub-documents, are still read.
 */
public class ActivityLedger {

    /**
     * What a service's copy keeps: each service that projects {@code crm.events} pays the store for every byte it
     * keeps, so it keeps what it reads and no more.
     */
    public enum Keeps {
        /** Every activity, in full: the boards list the records, progress sums them (scoring). */
        RECORDS,
        /** Every activity's deltas only: totals per period, no records (report-service prefills actuals). */
        TOTALS,
        /** The activity of a customer only, in full: the records of linked customers, no totals (crm-link). */
        CUSTOMER_RECORDS
    }

    private final MongoCollection<Document> days;
    private final Keeps keeps;

    public ActivityLedger(MongoDatabase database) {
        this(database, Keeps.RECORDS);
    }

    public ActivityLedger(MongoDatabase database, Keeps keeps) {
        this.days = database.getCollection("activity_days");
        this.keeps = keeps;
    }

    public Keeps keeps() {
        return keeps;
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
            if (keeps == Keeps.CUSTOMER_RECORDS && a.customerId() == null) {
                continue;
            }
            byDocument.computeIfAbsent(dayId(a.ownerId(), a.day(), a.activityId()), id -> new LinkedHashMap<>()).put(a.activityId(), a);
        }
        if (byDocument.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byDocument.size());
        byDocument.forEach((id, activities) -> {
            ActivityRecorded first = activities.values().iterator().next();
            Document set = new Document();
            activities.forEach((activityId, a) -> set.append("activities." + activityId,
                    keeps == Keeps.TOTALS ? encodeDeltas(a) : encode(a)));
            Document update = new Document("$set", set)
                    .append("$setOnInsert", new Document("ownerId", first.ownerId()).append("day", first.day().toString()));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), update, new UpdateOptions().upsert(true)));
        });
        days.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code [type, ref, idField, recordId, subject, customerId, at, [[metric, amount, unit], …]]}, nulls kept. */
    static String encode(ActivityRecorded a) {
        return encode(a, new String[]{a.inboundType(), a.recordRef(), a.recordIdField(), a.recordId(), a.subject(),
                a.customerId(), a.occurredAt().toString()});
    }

    /** The same array with the seven descriptive fields null: what the totals read, a third of the bytes. */
    static String encodeDeltas(ActivityRecorded a) {
        return encode(a, new String[7]);
    }

    private static String encode(ActivityRecorded a, String[] fields) {
        java.io.StringWriter out = new java.io.StringWriter(160);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (String field : fields) {
                json.writeString(field);
            }
            json.writeStartArray();
            for (var d : a.deltas()) {
                json.writeStartArray();
                json.writeString(d.metric());
                json.writeString(d.amount().toPlainString());
                json.writeString(d.unit());
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    static Entry decode(String activityId, LocalDate day, Object stored) {
        if (stored instanceof Document a) {
            return new Entry(activityId, a.getString("type"), a.getString("ref"), a.getString("idField"),
                    a.getString("recordId"), a.getString("subject"), a.getString("customerId"), day,
                    a.getString("at"), a.getList("deltas", Document.class).stream()
                    .map(d -> new Delta(d.getString("metric"), d.getString("amount"), d.getString("unit"))).toList());
        }
        try {
            JsonNode a = JSON.readTree((String) stored);
            List<Delta> deltas = new ArrayList<>();
            a.get(7).forEach(d -> deltas.add(new Delta(text(d, 0), text(d, 1), text(d, 2))));
            return new Entry(activityId, text(a, 0), text(a, 1), text(a, 2), text(a, 3), text(a, 4), text(a, 5), day,
                    text(a, 6), List.copyOf(deltas));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger entry " + activityId + " of " + day + " is not readable: " + stored, e);
        }
    }

    private static String text(JsonNode array, int index) {
        JsonNode value = array.get(index);
        return value == null || value.isNull() ? null : value.asText();
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
        if (keeps == Keeps.TOTALS) {
            throw new IllegalStateException("this service's activity ledger keeps totals only, not the records");
        }
        Map<String, List<Entry>> byOwner = new HashMap<>();
        ownerIds.forEach(ownerId -> byOwner.put(ownerId, new ArrayList<>()));
        scan(ownerIds, firstDay, lastDay, (ownerId, date, activities) ->
                activities.forEach((id, value) -> byOwner.get(ownerId).add(decode(id, date, value))));
        byOwner.values().forEach(entries -> entries.sort(java.util.Comparator.comparing(Entry::at).thenComparing(Entry::activityId)));
        return byOwner;
    }

    private interface DayVisitor {
        void visit(String ownerId, LocalDate day, Document activities);
    }

    /** Every stored day document of the owners over the days, from one query by {@code _id}. */
    private void scan(java.util.Collection<String> ownerIds, LocalDate firstDay, LocalDate lastDay, DayVisitor visitor) {
        java.util.Set<String> owners = new java.util.HashSet<>(ownerIds);
        List<String> ids = new ArrayList<>();
        owners.forEach(ownerId -> ids.addAll(dayIds(ownerId, firstDay, lastDay)));
        if (ids.isEmpty()) {
            return;
        }
        days.find(Filters.in("_id", ids)).forEach(day -> {
            Document activities = day.get("activities", Document.class);
            String ownerId = day.getString("ownerId");
            if (activities != null && owners.contains(ownerId)) {
                visitor.visit(ownerId, LocalDate.parse(day.getString("day")), activities);
            }
        });
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
        return totalsByOwner(List.of(ownerId), firstDay, lastDay).get(ownerId);
    }

    /**
     * Totals per metric and unit of each of several owners over the same days, from one query. Only the deltas are
     * read, and nothing is sorted: progress asks this after every batch, over every activity of the period.
     */
    public Map<String, Map<String, BigDecimal>> totalsByOwner(java.util.Collection<String> ownerIds, LocalDate firstDay, LocalDate lastDay) {
        if (keeps == Keeps.CUSTOMER_RECORDS) {
            throw new IllegalStateException("this service's activity ledger keeps the records of customers only, not totals");
        }
        Map<String, Map<String, BigDecimal>> totals = new HashMap<>();
        ownerIds.forEach(ownerId -> totals.put(ownerId, new HashMap<>()));
        scan(ownerIds, firstDay, lastDay, (ownerId, date, activities) -> {
            Map<String, BigDecimal> owner = totals.get(ownerId);
            activities.forEach((id, value) -> addDeltas(id, date, value, owner));
        });
        return totals;
    }

    private static void addDeltas(String activityId, LocalDate day, Object stored, Map<String, BigDecimal> totals) {
        if (!(stored instanceof String json)) {
            decode(activityId, day, stored).deltas().forEach(d -> add(totals, d.metric(), d.amount(), d.unit()));
            return;
        }
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            parser.nextToken();                                   // the entry's [
            for (int field = 0; field < 7; field++) {
                parser.nextToken();                               // type … at: scalars, skipped
            }
            parser.nextToken();                                   // the deltas' [
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                String metric = parser.nextTextValue();
                String amount = parser.nextTextValue();
                String unit = parser.nextTextValue();
                parser.nextToken();                               // the delta's ]
                add(totals, metric, amount, unit);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ledger entry " + activityId + " of " + day + " is not readable: " + json, e);
        }
    }

    private static void add(Map<String, BigDecimal> totals, String metric, String amount, String unit) {
        totals.merge(metric + "|" + unit, new BigDecimal(amount), BigDecimal::add);
    }

    /** Totals per metric and unit of the given entries. */
    public static Map<String, BigDecimal> totals(List<Entry> entries) {
        Map<String, BigDecimal> totals = new HashMap<>();
        for (Entry entry : entries) {
            for (Delta delta : entry.deltas()) {
                add(totals, delta.metric(), delta.amount(), delta.unit());
            }
        }
        return totals;
    }

}
