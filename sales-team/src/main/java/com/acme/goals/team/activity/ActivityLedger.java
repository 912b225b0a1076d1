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
import org.bson.types.Binary;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every recorded activity of an owner, in chunks of at most {@value #CHUNK_CAPACITY} per owner and day, each chunk one
 * string ({@code entries}: a JSON array of the chunk's activities), and per owner and day a directory that names the
 * day's chunks ({@code _id = E-042|2026-11-24}, {@code named: [E-042|2026-11-24|k3f9x2.17, …]}). Each writer names its
 * own chunks (a token of its own and a count), so two writers never write the same chunk, and a writer rewrites the
 * whole string of a chunk it fills: it keeps the text of each day's open chunk, and after a restart (or for a day it
 * has forgotten) it opens a new chunk rather than read the last one. A store rewrites the whole document on every
 * update, so a chunk never grows past its capacity, however busy the day; and one string per sixteen activities, not
 * a field and a string per activity, is what the in-memory store's heap pays per event (issue 18). The directory is
 * written only when a chunk opens, so whoever empties the collection must tell the writer to {@link #forget()}.
 *
 * <p>Writing is idempotent and order-free: an activity twice in a batch is written once, and a re-delivery (in the
 * same chunk or another) is read once, because the reads merge a day's chunks by activity id; totals are never
 * counted twice. A period's actual is the sum over its days, read by {@code _id} (unique index, even on
 * mongo-java-server): the directories, then their chunks.
 *
 * <p>Layouts of earlier versions are still read, never written: chunks numbered by a count in the directory
 * ({@code chunks: 4}, {@code _id = E-042|2026-11-24|3}), each activity a field named by its id holding a JSON array
 * ({@link #encode}); and {@code activity_days} (16 buckets per day, entries as sub-documents or strings) while that
 * collection holds anything. A rebuild empties both.
 */
public class ActivityLedger {

    public static final String COLLECTION = "activity_ledger";
    /** A chunk's activities, one JSON array of entries, once it is full (and in every chunk earlier versions wrote). */
    private static final String ENTRIES = "entries";
    /** An open chunk's activities, as each write added them: {@code {p0: "[…],[…]", p2: "[…]"}}. */
    private static final String PARTS = "parts";
    /** The layout of earlier versions: read while it holds anything, never written. */
    public static final String LEGACY_COLLECTION = "activity_days";
    static final int CHUNK_CAPACITY = 16;
    static final int LEGACY_BUCKETS = 16;
    /**
     * Days whose open chunk this writer remembers, with its text (at most {@value #CHUNK_CAPACITY} activities, about
     * 3 kB); a day it forgot gets a new chunk.
     */
    private static final int REMEMBERED_DAYS = 20_000;
    /** Full chunks whose sums the totals remember: about 400 bytes each, 8 MB in all. */
    private static final int REMEMBERED_FULL_CHUNKS = 20_000;

    private final MongoCollection<Document> ledger;
    private final MongoCollection<Document> legacy;
    /** Per owner and day: the chunk this writer fills. */
    private final Map<String, OpenChunk> openChunks = remembering(REMEMBERED_DAYS);
    /** Days whose write is in flight; guarded by the lock of {@code openChunks}. */
    private final Set<String> writing = new HashSet<>();
    /**
     * Full chunks' sums by chunk id, as the totals last read them: a progress read of a busy week otherwise fetched
     * every chunk of it each time (3,000 payments a week: 188 chunks, 14.6 ms a read through the gateway; issue 18).
     */
    private final Map<String, ChunkSums> fullChunks = remembering(REMEMBERED_FULL_CHUNKS);
    /** What this writer's chunk ids start with after the day: its own, so no other writer writes its chunks. */
    private final String writer = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36,
            36L * 36 * 36 * 36 * 36 * 36 * 36), 36);
    private long chunksOpened;
    private volatile boolean legacyPresent;
    private volatile long legacyAskedAt = Long.MIN_VALUE;

    public ActivityLedger(MongoDatabase database) {
        this.ledger = database.getCollection(COLLECTION);
        this.legacy = database.getCollection(LEGACY_COLLECTION);
    }

    /** A map that keeps the {@code most} entries last used, for callers that hold its lock. */
    private static <V> Map<String, V> remembering(int most) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > most;
            }
        };
    }

    private static String directoryId(String ownerId, LocalDate day) {
        return ownerId + "|" + day;
    }

    /** The directory (owner and day) a chunk's id starts with, in every layout that names chunks so. */
    private static String directoryOf(String chunkId) {
        return chunkId.substring(0, chunkId.lastIndexOf('|'));
    }

    /** Where an earlier version kept an activity: {@code E-042|2026-11-24|07} in {@value #LEGACY_COLLECTION}. */
    static String legacyBucketId(String ownerId, LocalDate day, String activityId) {
        int bucket = Math.floorMod(activityId.hashCode(), LEGACY_BUCKETS);
        return directoryId(ownerId, day) + "|" + (bucket < 10 ? "0" : "") + bucket;
    }

    /**
     * A day's chunk this writer fills: its id, how many activities it holds, the text each write added to it, and for
     * the totals their ids' hashes and sums (null once a metric could not be kept that way: then totals read the entries).
     */
    private static final class OpenChunk {
        final String id;
        int count;
        /** Each write's entries joined by commas, until the chunk is full and its whole text is written as one string. */
        final List<String> parts = new ArrayList<>(2);
        final long[] hashes = new long[CHUNK_CAPACITY];
        int hashed;
        Map<String, BigDecimal> sums = new LinkedHashMap<>();

        OpenChunk(String id) {
            this.id = id;
        }

        /**
         * {@code $set} of the text a batch adds, {@code added} being the last of the chunk's {@link #count} entries. While
         * the chunk is open, one more part, named by the position of its first entry ({@code parts.p3}): a write sends
         * its own entries, not the chunk's text so far (in {@code bench projection}, whose activities fall on 16,500 days,
         * that rewrite averaged eight entries an activity, and the bulk write's encoding was a quarter of the feed
         * thread's samples; issue 18), and the same write twice writes the same. Once full, the whole text as one
         * string, and no parts: what the store keeps of the chunk for good is one string, as before.
         */
        Document text(List<String> added) {
            parts.add(String.join(",", added));
            if (count < CHUNK_CAPACITY) {
                return new Document(PARTS + ".p" + (count - added.size()), parts.get(parts.size() - 1));
            }
            String whole = "[" + String.join(",", parts) + "]";
            parts.clear();
            return new Document(ENTRIES, whole).append(PARTS, null);
        }

        void sum(ActivityRecorded a) {
            if (sums == null) {
                return;
            }
            if (a.deltas().stream().anyMatch(d -> !summable(d.metric()) || !summable(d.unit()))) {
                sums = null;
                return;
            }
            hashes[hashed++] = idHash(a.activityId());
            a.deltas().forEach(d -> sums.merge(Delta.totalKey(d.metric(), d.unit()), d.amount(), BigDecimal::add));
        }

        /** A name the sums can hold as it is (a null unit is {@code metric|null}, as the totals key it). */
        private static boolean summable(String name) {
            return name == null || name.indexOf('|') < 0 && name.indexOf('=') < 0 && name.indexOf(';') < 0;
        }

        /**
         * {@code $set} of the batch's {@link #text} and, while it can keep them, the chunk's ids' hashes (8 bytes each, in
         * order) and sums ({@code metric|unit=amount;…}), which let the totals skip the text; null once it cannot.
         */
        Document set(List<String> added) {
            Document set = text(added);
            if (sums == null) { // what an earlier write of this chunk kept no longer holds
                return set.append("hashes", null).append("sums", null);
            }
            StringBuilder text = new StringBuilder();
            sums.forEach((key, amount) -> text.append(text.isEmpty() ? "" : ";").append(key).append('=').append(amount.toPlainString()));
            ByteBuffer bytes = ByteBuffer.allocate(hashed * Long.BYTES);
            bytes.asLongBuffer().put(hashes, 0, hashed);
            return set.append("hashes", new Binary(bytes.array())).append("sums", text.toString());
        }
    }

    private OpenChunk openChunk(String day) {
        return new OpenChunk(day + "|" + writer + "." + chunksOpened++);
    }

    /**
     * Records a batch with one bulk write, while no other write of its days is in flight (batches of other days, such
     * as another partition's, write at the same time): first the directory of each day that opened a chunk (a
     * chunk named before it exists reads as empty), then one update per chunk, the entries the batch adds to it. A day that only fills
     * its open chunk leaves its directory alone: a batch spread over a thousand days would otherwise write each twice. An activity twice in a
     * batch (a duplicate) is written once. A failure part way through fails the batch, and its re-delivery writes the
     * same activities again, into new chunks.
     */
    public void record(List<ActivityRecorded> batch) {
        Map<String, Map<String, ActivityRecorded>> byDay = new LinkedHashMap<>();
        for (ActivityRecorded a : batch) {
            byDay.computeIfAbsent(directoryId(a.ownerId(), a.day()), d -> new LinkedHashMap<>()).put(a.activityId(), a);
        }
        if (byDay.isEmpty()) {
            return;
        }
        synchronized (openChunks) {
            claim(byDay.keySet());
        }
        try {
            write(byDay);
        } catch (RuntimeException e) { // what the store has is not known: these days start afresh in new chunks
            synchronized (openChunks) {
                byDay.keySet().forEach(openChunks::remove);
            }
            throw e;
        } finally {
            synchronized (openChunks) {
                writing.removeAll(byDay.keySet());
                openChunks.notifyAll();
            }
        }
    }

    /** The bulk write of {@link #record}, its days claimed. */
    private void write(Map<String, Map<String, ActivityRecorded>> byDay) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        List<WriteModel<Document>> chunkWrites = new ArrayList<>();
        synchronized (openChunks) {
            byDay.forEach((day, activities) -> {
                List<String> opened = new ArrayList<>();
                OpenChunk open = openChunks.get(day);
                if (open == null) {
                    open = openChunk(day);
                    opened.add(open.id);
                }
                Map<OpenChunk, List<String>> added = new LinkedHashMap<>();
                for (ActivityRecorded a : activities.values()) {
                    if (open.count == CHUNK_CAPACITY) {
                        open = openChunk(day);
                        opened.add(open.id);
                    }
                    open.count++;
                    added.computeIfAbsent(open, c -> new ArrayList<>()).add(entry(a));
                    open.sum(a);
                }
                openChunks.put(day, open);
                Document owned = owned(activities.values().iterator().next());
                added.forEach((chunk, entries) -> chunkWrites.add(new UpdateOneModel<>(Filters.eq("_id", chunk.id),
                        new Document("$set", chunk.set(entries)).append("$setOnInsert", owned),
                        new UpdateOptions().upsert(true))));
                if (!opened.isEmpty()) {
                    writes.add(new UpdateOneModel<>(Filters.eq("_id", day),
                            new Document("$addToSet", new Document("named", new Document("$each", opened)))
                                    .append("$setOnInsert", owned),
                            new UpdateOptions().upsert(true)));
                }
            });
            writes.addAll(chunkWrites);
        }
        // outside the lock, so batches of other days (another partition's feed thread) build and send theirs meanwhile;
        // the claim keeps a day's writes in order: a chunk's hashes and sums are written whole each time, and an earlier
        // write landing after a later one would take back what the later one added
        ledger.bulkWrite(writes, new BulkWriteOptions().ordered(true));
    }

    /** Waits until no write of these days is in flight, then claims them all at once (all or none, so two batches never wait on each other's half). */
    private void claim(Set<String> days) {
        waitWhile(() -> days.stream().anyMatch(writing::contains));
        writing.addAll(days);
    }

    /** Waits, holding the lock of {@code openChunks} between waits, while {@code inFlight} says a write it cares about is. */
    private void waitWhile(java.util.function.BooleanSupplier inFlight) {
        while (inFlight.getAsBoolean()) {
            try {
                openChunks.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a write of the ledger was in flight", e);
            }
        }
    }

    /**
     * Forgets every open chunk, so the next write to each day opens a new one and names it in the day's directory.
     * Whoever empties the ledger behind this writer (a read-model rebuild) must call this, or the writer would go on
     * filling chunks that no directory names, and no read finds.
     */
    public void forget() {
        synchronized (openChunks) {
            waitWhile(() -> !writing.isEmpty()); // a write in flight would fill chunks no directory names after this
            openChunks.clear();
        }
        synchronized (fullChunks) { // never read again (a rebuild names new chunks), so let them go
            fullChunks.clear();
        }
    }

    private static Document owned(ActivityRecorded a) {
        return new Document("ownerId", a.ownerId()).append("day", a.day().toString());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An activity as a chunk keeps it: {@code [id, type, ref, idField, recordId, subject, customerId, at, [[metric,
     * amount, unit], …]]}, nulls kept.
     */
    static String entry(ActivityRecorded a) {
        return encode(a.activityId(), descriptive(a), a);
    }

    /** An activity as earlier versions kept it, the value of a field named by its id: the entry without the id. */
    static String encode(ActivityRecorded a) {
        return encode(null, descriptive(a), a);
    }

    private static String[] descriptive(ActivityRecorded a) {
        return new String[]{a.inboundType(), a.recordRef(), a.recordIdField(), a.recordId(), a.subject(), a.customerId(),
                a.occurredAt().toString()};
    }

    private static String encode(String activityId, String[] fields, ActivityRecorded a) {
        java.io.StringWriter out = new java.io.StringWriter(160);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartArray();
            if (activityId != null) {
                json.writeString(activityId);
            }
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

    /**
     * Each activity of a chunk's text by its id, into {@code into}; the seven descriptive fields only when {@code full}
     * (totals read the deltas alone). An entry of deltas only has none.
     */
    private static void readChunk(String chunkId, String text, LocalDate day, boolean full, Map<String, Object> into) {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            parser.nextToken();                                           // the chunk's [
            while (parser.nextToken() == JsonToken.START_ARRAY) {         // an entry's [
                String id = parser.nextTextValue();
                String[] fields = new String[7];
                int field = 0;
                while (parser.nextToken() != JsonToken.START_ARRAY) {     // the descriptive fields, up to the deltas' [
                    if (full && field < fields.length) {
                        fields[field] = parser.getValueAsString();
                    }
                    field++;
                }
                List<Delta> deltas = new ArrayList<>(2);
                while (parser.nextToken() == JsonToken.START_ARRAY) {     // a delta's [
                    deltas.add(new Delta(parser.nextTextValue(), parser.nextTextValue(), parser.nextTextValue()));
                    parser.nextToken();                                   // the delta's ]
                }
                parser.nextToken();                                       // the entry's ]
                into.put(id, new Entry(id, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], day, fields[6],
                        List.copyOf(deltas)));
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("ledger chunk " + chunkId + " is not readable: " + text, e);
        }
    }

    static Entry decode(String activityId, LocalDate day, Object stored) {
        if (stored instanceof Entry entry) {
            return entry;
        }
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

        /** How {@link ActivityLedger#totals} keys a metric and unit: {@code payment_collection|CNY}; no unit: {@code metric|null}. */
        static String totalKey(String metric, String unit) {
            return metric + "|" + unit;
        }

        /** A total read back from its {@link #totalKey key} and amount. */
        public static Delta ofTotal(String key, BigDecimal amount) {
            int cut = key.lastIndexOf('|');
            String unit = key.substring(cut + 1);
            return new Delta(key.substring(0, cut), amount.toPlainString(), "null".equals(unit) ? null : unit);
        }
    }

    /** An owner's recorded activity over the given days, in time order. */
    public List<Entry> entries(String ownerId, LocalDate firstDay, LocalDate lastDay) {
        return entriesByOwner(List.of(ownerId), firstDay, lastDay).get(ownerId);
    }

    /** Each owner's recorded activity over the same days, in time order, from one query (a team at once). */
    public Map<String, List<Entry>> entriesByOwner(Collection<String> ownerIds, LocalDate firstDay, LocalDate lastDay) {
        Map<String, List<Entry>> byOwner = new HashMap<>();
        ownerIds.forEach(ownerId -> byOwner.put(ownerId, new ArrayList<>()));
        scan(ownerIds, firstDay, lastDay, true, (ownerId, date, activities) ->
                activities.forEach((id, value) -> byOwner.get(ownerId).add(decode(id, date, value))));
        byOwner.values().forEach(entries -> entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::activityId)));
        return byOwner;
    }

    private interface DayVisitor {
        /** The day's activities by id, each an {@link Entry} or as an earlier version stored it. */
        void visit(String ownerId, LocalDate day, Map<String, Object> activities);
    }

    /**
     * Every stored activity of the owners over the days, each once: their directories by {@code _id}, then the chunks
     * they name (or, written by an earlier version, count) by {@code _id}; and, while an earlier version's ledger holds
     * anything, its buckets too. {@code full}: with the descriptive fields of each activity, not its deltas only.
     */
    private void scan(Collection<String> ownerIds, LocalDate firstDay, LocalDate lastDay, boolean full, DayVisitor visitor) {
        Set<String> owners = new HashSet<>(ownerIds);
        List<String> days = directoryIds(owners, firstDay, lastDay);
        List<String> chunks = chunkIds(days);
        // a re-delivery may leave an activity in two chunks (and an upgrade, in two layouts): read once each
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        readChunks(chunks, owners, full, merged);
        if (legacyPresent()) {
            List<String> old = new ArrayList<>();
            days.forEach(day -> {
                for (int bucket = 0; bucket < LEGACY_BUCKETS; bucket++) {
                    old.add(day + "|" + (bucket < 10 ? "0" : "") + bucket);
                }
            });
            legacy.find(Filters.in("_id", old)).forEach(bucket -> {
                String ownerId = bucket.getString("ownerId");
                if (bucket.get("activities") instanceof Document activities && owners.contains(ownerId)) {
                    Map<String, Object> seen = merged.computeIfAbsent(directoryId(ownerId, LocalDate.parse(bucket.getString("day"))),
                            k -> new HashMap<>());
                    activities.forEach(seen::putIfAbsent);
                }
            });
        }
        visit(merged, visitor);
    }

    private static void visit(Map<String, Map<String, Object>> merged, DayVisitor visitor) {
        merged.forEach((id, activities) -> {
            int cut = id.lastIndexOf('|');
            visitor.visit(id.substring(0, cut), LocalDate.parse(id.substring(cut + 1)), activities);
        });
    }

    /** The ids of the owners' directories over the days, one per owner and day. */
    private static List<String> directoryIds(Set<String> owners, LocalDate firstDay, LocalDate lastDay) {
        List<String> days = new ArrayList<>();
        for (String ownerId : owners) {
            for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
                days.add(directoryId(ownerId, d));
            }
        }
        return days;
    }

    /** The chunks these directories name (or, written by an earlier version, count). */
    private List<String> chunkIds(List<String> days) {
        List<String> chunks = new ArrayList<>();
        if (days.isEmpty()) {
            return chunks;
        }
        ledger.find(Filters.in("_id", days)).forEach(directory -> {
            if (directory.get("chunks") instanceof Number counted) {
                for (int chunk = 0; chunk < counted.intValue(); chunk++) {
                    chunks.add(directory.getString("_id") + "|" + chunk);
                }
            }
            if (directory.get("named") instanceof List<?> named) {
                named.forEach(chunk -> chunks.add((String) chunk));
            }
        });
        return chunks;
    }

    /** The activities of these chunks by day, each by its id once, into {@code merged}. */
    private void readChunks(List<String> chunks, Set<String> owners, boolean full, Map<String, Map<String, Object>> merged) {
        if (chunks.isEmpty()) {
            return;
        }
        ledger.find(Filters.in("_id", chunks)).forEach(chunk -> {
            String ownerId = chunk.getString("ownerId");
            if (!owners.contains(ownerId)) {
                return;
            }
            LocalDate day = LocalDate.parse(chunk.getString("day"));
            Map<String, Object> seen = merged.computeIfAbsent(directoryId(ownerId, day), k -> new HashMap<>());
            String text = text(chunk);
            if (text != null) {
                readChunk(chunk.getString("_id"), text, day, full, seen);
            } else if (chunk.get("activities") instanceof Document activities) {
                seen.putAll(activities);
            }
        });
    }

    /** A chunk's text, whole or joined from its parts in the order written; null when it keeps activities otherwise. */
    static String text(Document chunk) {
        if (chunk.get(ENTRIES) instanceof String whole) {
            return whole;
        }
        if (!(chunk.get(PARTS) instanceof Document parts)) {
            return null;
        }
        StringBuilder text = new StringBuilder("[");
        parts.entrySet().stream().sorted(java.util.Comparator.comparingInt(part -> Integer.parseInt(part.getKey().substring(1))))
                .forEach(part -> text.append(text.length() > 1 ? "," : "").append(part.getValue()));
        return text.append(']').toString();
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
     * Totals per metric and unit of each of several owners over the same days. Each chunk's sums are read, not its
     * activities, on a day where no activity is in two chunks or twice in one; nothing is sorted: progress asks this
     * after every batch, over every activity of the period (issue 18: by the end of {@code bench e2e}'s five minutes at
     * 1,000/s an owner's week holds 20,000 payments, and reading each of them on every read cost scoring a third of its CPU).
     */
    public Map<String, Map<String, BigDecimal>> totalsByOwner(Collection<String> ownerIds, LocalDate firstDay, LocalDate lastDay) {
        Map<String, Map<String, BigDecimal>> totals = new HashMap<>();
        ownerIds.forEach(ownerId -> totals.put(ownerId, new HashMap<>()));
        DayVisitor adding = (ownerId, date, activities) -> {
            Map<String, BigDecimal> owner = totals.get(ownerId);
            activities.forEach((id, value) -> addDeltas(id, date, value, owner));
        };
        if (legacyPresent()) { // an earlier version's buckets are merged with the chunks activity by activity
            scan(ownerIds, firstDay, lastDay, false, adding);
            return totals;
        }
        Set<String> owners = new HashSet<>(ownerIds);
        List<String> chunks = chunkIds(directoryIds(owners, firstDay, lastDay));
        if (chunks.isEmpty()) {
            return totals;
        }
        // each day's chunks without their text: their ids' hashes and sums are enough unless a hash repeats (a
        // re-delivery) or a chunk has no sums (written by an earlier version); those days are read activity by activity
        Map<String, List<ChunkSums>> byDay = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        synchronized (fullChunks) {
            for (String id : chunks) {
                ChunkSums full = fullChunks.get(id);
                if (full == null) {
                    unknown.add(id);
                } else {
                    byDay.computeIfAbsent(directoryOf(id), k -> new ArrayList<>()).add(full);
                }
            }
        }
        if (!unknown.isEmpty()) {
            List<ChunkSums> read = new ArrayList<>();
            ledger.find(Filters.in("_id", unknown)).projection(new Document(ENTRIES, 0).append(PARTS, 0).append("activities", 0)).forEach(chunk -> {
                if (owners.contains(chunk.getString("ownerId"))) {
                    ChunkSums sums = new ChunkSums(chunk.getString("_id"), hashes(chunk), chunk.get("sums") instanceof String text ? text : null);
                    byDay.computeIfAbsent(directoryOf(sums.id()), k -> new ArrayList<>()).add(sums);
                    read.add(sums);
                }
            });
            synchronized (fullChunks) {
                read.stream().filter(ChunkSums::isFull).forEach(full -> fullChunks.put(full.id(), full));
            }
        }
        List<String> readInFull = new ArrayList<>();
        byDay.forEach((day, dayChunks) -> {
            if (!addSums(dayChunks, totals.get(day.substring(0, day.lastIndexOf('|'))))) {
                dayChunks.forEach(chunk -> readInFull.add(chunk.id()));
            }
        });
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        readChunks(readInFull, owners, false, merged);
        visit(merged, adding);
        return totals;
    }

    /**
     * What the totals read of a chunk: its id, its ids' hashes and its sums (either null if it has none). A chunk holding
     * {@value #CHUNK_CAPACITY} activities is full: no writer writes it again, so its sums are remembered by its id.
     */
    private record ChunkSums(String id, long[] hashes, String sums) {
        boolean isFull() {
            return hashes != null && sums != null && hashes.length == CHUNK_CAPACITY;
        }
    }

    /**
     * Adds a day's sums to the owner's totals if every chunk has them and no two of its activities share an id's hash
     * (a re-delivery, or two ids that hash alike: both read activity by activity, exactly); else nothing.
     */
    private static boolean addSums(List<ChunkSums> dayChunks, Map<String, BigDecimal> owner) {
        int count = 0;
        for (ChunkSums chunk : dayChunks) {
            if (chunk.hashes() == null || chunk.sums() == null) {
                return false;
            }
            count += chunk.hashes().length;
        }
        if (anyRepeats(dayChunks, count)) {
            return false;
        }
        for (ChunkSums chunk : dayChunks) {
            for (String sum : chunk.sums().split(";")) {
                int at = sum.indexOf('=');
                if (at > 0) {
                    owner.merge(sum.substring(0, at), new BigDecimal(sum.substring(at + 1)), BigDecimal::add);
                }
            }
        }
        return true;
    }

    /**
     * Whether any hash of the day's chunks repeats, by an open-addressed table of at least twice their number (sorting
     * them was 7% of scoring's CPU in a progress read, on its quick compiler).
     */
    private static boolean anyRepeats(List<ChunkSums> dayChunks, int count) {
        long[] table = new long[Integer.highestOneBit(Math.max(1, count)) << 2];
        int mask = table.length - 1;
        boolean zero = false; // 0 marks a free slot, so a hash of 0 is kept aside
        for (ChunkSums chunk : dayChunks) {
            for (long hash : chunk.hashes()) {
                if (hash == 0) {
                    if (zero) {
                        return true;
                    }
                    zero = true;
                    continue;
                }
                int slot = (int) (hash ^ (hash >>> 32)) & mask;
                while (table[slot] != 0) {
                    if (table[slot] == hash) {
                        return true;
                    }
                    slot = (slot + 1) & mask;
                }
                table[slot] = hash;
            }
        }
        return false;
    }

    /** A chunk's ids' hashes; of its ids if an earlier version wrote them as text ({@code ids: "P-1,P-2"}); or null. */
    private static long[] hashes(Document chunk) {
        if (chunk.get("hashes") instanceof Binary binary) {
            LongBuffer stored = ByteBuffer.wrap(binary.getData()).asLongBuffer();
            long[] hashes = new long[stored.remaining()];
            stored.get(hashes);
            return hashes;
        }
        if (chunk.get("ids") instanceof String ids) {
            return Arrays.stream(ids.split(",")).mapToLong(ActivityLedger::idHash).toArray();
        }
        return null;
    }

    /**
     * A 64-bit FNV-1a over the id's characters: the same in every version and JVM, as stored hashes must be. Two ids
     * of a day that hash alike only send that day's totals the exact way.
     */
    static long idHash(String activityId) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < activityId.length(); i++) {
            hash ^= activityId.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static void addDeltas(String activityId, LocalDate day, Object stored, Map<String, BigDecimal> totals) {
        if (stored instanceof Entry entry) {
            entry.deltas().forEach(d -> add(totals, d.metric(), d.amount(), d.unit()));
            return;
        }
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
        totals.merge(Delta.totalKey(metric, unit), new BigDecimal(amount), BigDecimal::add);
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
