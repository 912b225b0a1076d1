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
 * Every recorded activity of an owner, in chunks of at most {@value #CHUNK_CAPACITY} per owner and day
 * ({@code _id = E-042|2026-11-24|3}), each activity stored under its own id, and per owner and day a directory that
 * counts the chunks ({@code _id = E-042|2026-11-24}, {@code chunks: 4}). A store rewrites the whole document on every
 * update (mongo-java-server sizes, deep-copies and compares it, per value), so a write costs the size of the document
 * it changes: a chunk never grows past its capacity, however busy the day, and a quiet day is one chunk to read. The
 * writer fills the day's last chunk and opens the next when it is full; it remembers where each day stands, and after
 * a restart (or for a day it has forgotten) it opens a new chunk rather than read how full the last one is. The
 * directory is written only when a chunk opens, so whoever empties the collection must tell the writer to
 * {@link #forget()}.
 *
 * <p>Setting a field by activity id is idempotent and order-free: a duplicate in the same chunk writes the same value
 * again, and a re-delivery that lands in another chunk is read once (the reads merge a day's chunks by activity id),
 * so totals are never counted twice. A period's actual is the sum over its days, read by {@code _id} (unique index,
 * even on mongo-java-server): the directories, then their chunks.
 *
 * <p>Each activity is one string, a JSON array ({@link #encode}), not a sub-document: a sub-document of eight fields
 * and a list of deltas was most of the launcher's CPU at a thousand events a second.
 *
 * <p>Ledgers written by earlier versions ({@code activity_days}: 16 buckets per day, entries as sub-documents or
 * strings) are still read, beside this one, while that collection holds anything; a rebuild empties it.
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

    public static final String COLLECTION = "activity_ledger";
    /** The layout of earlier versions: read while it holds anything, never written. */
    public static final String LEGACY_COLLECTION = "activity_days";
    static final int CHUNK_CAPACITY = 16;
    static final int LEGACY_BUCKETS = 16;
    /** Days whose last chunk this writer remembers; a day it forgot gets a new chunk. */
    private static final int REMEMBERED_DAYS = 100_000;

    private final MongoCollection<Document> ledger;
    private final MongoCollection<Document> legacy;
    private final Keeps keeps;
    /** Per owner and day: {last chunk, activities this writer put in it}. */
    private final Map<String, int[]> openChunks = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > REMEMBERED_DAYS;
        }
    };
    private volatile boolean legacyPresent;
    private volatile long legacyAskedAt = Long.MIN_VALUE;

    public ActivityLedger(MongoDatabase database) {
        this(database, Keeps.RECORDS);
    }

    public ActivityLedger(MongoDatabase database, Keeps keeps) {
        this.ledger = database.getCollection(COLLECTION);
        this.legacy = database.getCollection(LEGACY_COLLECTION);
        this.keeps = keeps;
    }

    public Keeps keeps() {
        return keeps;
    }

    private static String directoryId(String ownerId, LocalDate day) {
        return ownerId + "|" + day;
    }

    /** Where an earlier version kept an activity: {@code E-042|2026-11-24|07} in {@value #LEGACY_COLLECTION}. */
    static String legacyBucketId(String ownerId, LocalDate day, String activityId) {
        int bucket = Math.floorMod(activityId.hashCode(), LEGACY_BUCKETS);
        return directoryId(ownerId, day) + "|" + (bucket < 10 ? "0" : "") + bucket;
    }

    /**
     * Records a batch with one bulk write: first the directory of each day that opened a chunk or that this writer did
     * not remember (a chunk counted before it exists reads as empty), then one update per chunk. A day that only fills
     * its open chunk leaves its directory alone: a batch spread over a thousand days would otherwise write each twice.
     * An activity twice in a batch (a duplicate) is set once. A failure part way through fails the batch, and its
     * re-delivery writes the same activities again.
     */
    public void record(List<ActivityRecorded> batch) {
        Map<String, Map<String, ActivityRecorded>> byDay = new LinkedHashMap<>();
        for (ActivityRecorded a : batch) {
            if (keeps == Keeps.CUSTOMER_RECORDS && a.customerId() == null) {
                continue;
            }
            byDay.computeIfAbsent(directoryId(a.ownerId(), a.day()), d -> new LinkedHashMap<>()).put(a.activityId(), a);
        }
        if (byDay.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> directories = new ArrayList<>();
        Map<String, Map<String, ActivityRecorded>> byChunk = new LinkedHashMap<>();
        synchronized (openChunks) {
            Map<String, Integer> counted = countedChunks(byDay.keySet());
            byDay.forEach((day, activities) -> {
                int[] open = openChunks.get(day);
                boolean opened = open == null;
                if (opened) { // a day not remembered gets a new chunk: how full the last one is, is not known here
                    open = new int[]{counted.getOrDefault(day, 0), 0};
                    openChunks.put(day, open);
                }
                for (Map.Entry<String, ActivityRecorded> a : activities.entrySet()) {
                    if (open[1] == CHUNK_CAPACITY) {
                        open[0]++;
                        open[1] = 0;
                        opened = true;
                    }
                    open[1]++;
                    byChunk.computeIfAbsent(day + "|" + open[0], c -> new LinkedHashMap<>()).put(a.getKey(), a.getValue());
                }
                if (opened) {
                    directories.add(new UpdateOneModel<>(Filters.eq("_id", day),
                            new Document("$max", new Document("chunks", open[0] + 1))
                                    .append("$setOnInsert", owned(activities.values().iterator().next())),
                            new UpdateOptions().upsert(true)));
                }
            });
        }
        List<WriteModel<Document>> writes = new ArrayList<>(directories);
        byChunk.forEach((id, activities) -> {
            Document set = new Document();
            activities.forEach((activityId, a) -> set.append("activities." + activityId,
                    keeps == Keeps.TOTALS ? encodeDeltas(a) : encode(a)));
            Document update = new Document("$set", set).append("$setOnInsert", owned(activities.values().iterator().next()));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), update, new UpdateOptions().upsert(true)));
        });
        try {
            ledger.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        } catch (RuntimeException e) {
            synchronized (openChunks) { // what the store has is not known: these days start afresh from their directory
                byDay.keySet().forEach(openChunks::remove);
            }
            throw e;
        }
    }

    /** How many chunks the directories count for the days this writer does not remember (absent: none yet). */
    private Map<String, Integer> countedChunks(java.util.Set<String> days) {
        List<String> unknown = days.stream().filter(day -> !openChunks.containsKey(day)).toList();
        Map<String, Integer> counted = new HashMap<>();
        if (!unknown.isEmpty()) {
            ledger.find(Filters.in("_id", unknown)).forEach(directory ->
                    counted.put(directory.getString("_id"), ((Number) directory.get("chunks")).intValue()));
        }
        return counted;
    }

    /**
     * Forgets every open chunk, so the next write to each day reads its directory again. Whoever empties the ledger
     * behind this writer (a read-model rebuild) must call this, or the chunks written after would go uncounted.
     */
    public void forget() {
        synchronized (openChunks) {
            openChunks.clear();
        }
    }

    private static Document owned(ActivityRecorded a) {
        return new Document("ownerId", a.ownerId()).append("day", a.day().toString());
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

    /**
     * Every stored activity of the owners over the days, each once: their directories by {@code _id}, then the chunks
     * they count by {@code _id}; and, while an earlier version's ledger holds anything, its buckets too.
     */
    private void scan(java.util.Collection<String> ownerIds, LocalDate firstDay, LocalDate lastDay, DayVisitor visitor) {
        java.util.Set<String> owners = new java.util.HashSet<>(ownerIds);
        List<String> days = new ArrayList<>();
        for (String ownerId : owners) {
            for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
                days.add(directoryId(ownerId, d));
            }
        }
        if (days.isEmpty()) {
            return;
        }
        List<String> chunks = new ArrayList<>();
        ledger.find(Filters.in("_id", days)).forEach(directory -> {
            int count = ((Number) directory.get("chunks")).intValue();
            for (int chunk = 0; chunk < count; chunk++) {
                chunks.add(directory.getString("_id") + "|" + chunk);
            }
        });
        // a re-delivery may leave an activity in two chunks (and an upgrade, in both layouts): read once each
        Map<String, Document> merged = new LinkedHashMap<>();
        if (!chunks.isEmpty()) {
            visit(ledger, chunks, owners, (ownerId, day, activities) ->
                    merged.computeIfAbsent(directoryId(ownerId, day), k -> new Document()).putAll(activities));
        }
        if (legacyPresent()) {
            List<String> old = new ArrayList<>();
            days.forEach(day -> {
                for (int bucket = 0; bucket < LEGACY_BUCKETS; bucket++) {
                    old.add(day + "|" + (bucket < 10 ? "0" : "") + bucket);
                }
            });
            visit(legacy, old, owners, (ownerId, day, activities) -> {
                Document seen = merged.computeIfAbsent(directoryId(ownerId, day), k -> new Document());
                activities.forEach(seen::putIfAbsent);
            });
        }
        merged.forEach((id, activities) -> {
            int cut = id.lastIndexOf('|');
            visitor.visit(id.substring(0, cut), LocalDate.parse(id.substring(cut + 1)), activities);
        });
    }

    private static void visit(MongoCollection<Document> collection, List<String> ids, java.util.Set<String> owners, DayVisitor visitor) {
        collection.find(Filters.in("_id", ids)).forEach(chunk -> {
            Document activities = chunk.get("activities", Document.class);
            String ownerId = chunk.getString("ownerId");
            if (activities != null && owners.contains(ownerId)) {
                visitor.visit(ownerId, LocalDate.parse(chunk.getString("day")), activities);
            }
        });
    }

    /**
     * Whether an earlier version's ledger holds anything. No version writes it any more, so "empty" is final; "not
     * empty" is asked again after a minute (a rebuild empties it).
     */
    private boolean legacyPresent() {
        long now = System.nanoTime();
        if (legacyAskedAt == Long.MIN_VALUE || (legacyPresent && now - legacyAskedAt > 60_000_000_000L)) {
            legacyPresent = legacy.find().limit(1).first() != null;
            legacyAskedAt = now;
        }
        return legacyPresent;
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
