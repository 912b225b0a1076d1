package com.acme.goals.localstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed store answers every query exactly as the plain one does (the same documents in the same order), through
 * inserts, updates that move a document's key, upserts and deletes; and it reads only the candidates the index gives.
 */
class OrderedIndexTest {

    private MongoServer plainServer;
    private MongoServer indexedServer;
    private IndexedMemoryBackend backend;
    private MongoClient plain;
    private MongoClient indexed;

    @BeforeEach
    void start() {
        plainServer = new MongoServer(new MemoryBackend());
        backend = new IndexedMemoryBackend();
        indexedServer = new MongoServer(backend);
        plain = MongoClients.create("mongodb://localhost:" + plainServer.bind().getPort());
        indexed = MongoClients.create("mongodb://localhost:" + indexedServer.bind().getPort());
    }

    @AfterEach
    void stop() {
        plain.close();
        indexed.close();
        plainServer.shutdownNow();
        indexedServer.shutdownNow();
    }

    private List<MongoCollection<Document>> both(String name) {
        return List.of(plain.getDatabase("t").getCollection(name), indexed.getDatabase("t").getCollection(name));
    }

    @Test
    void every_query_gets_what_the_unindexed_store_gets_through_writes_that_move_keys() {
        List<MongoCollection<Document>> events = both("events");
        Random random = new Random(7);
        for (MongoCollection<Document> c : events) {
            c.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
            c.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
            c.createIndex(Indexes.ascending("owner"));
            c.createIndex(Indexes.ascending("ancestors"));
            c.createIndex(Indexes.ascending("dueAt"));
        }
        for (int i = 0; i < 600; i++) {
            Document doc = new Document("_id", "e-" + i).append("aggregateIdentifier", "A-" + (i % 37)).append("sequenceNumber", (long) (i / 37))
                    .append("timestamp", String.format("2026-12-03T%02d:%02d:00Z", (i / 60) % 24, i % 60))
                    .append("owner", i % 5 == 0 ? null : "O-" + (i % 11))
                    .append("ancestors", List.of("CEO", "D-" + (i % 3), "L-" + (i % 7)));
            if (i % 4 != 0) {
                doc.append("dueAt", new Date(1_800_000_000_000L + random.nextInt(1_000_000) * 1000L));
            }
            events.forEach(c -> c.insertOne(new Document(doc)));
        }
        for (int i = 0; i < 20; i++) { // ties: a sorted, limited read must not stop inside a run of equal keys
            Document doc = new Document("_id", "t-" + (19 - i)).append("aggregateIdentifier", "T-" + i).append("sequenceNumber", 0L)
                    .append("timestamp", "2026-12-03T05:30:00Z").append("owner", "O-" + (i % 3));
            events.forEach(c -> c.insertOne(new Document(doc)));
        }
        List<Bson> queries = List.of(
                Filters.and(Filters.eq("aggregateIdentifier", "A-3"), Filters.gte("sequenceNumber", 5L)),
                Filters.and(Filters.eq("aggregateIdentifier", "A-3"), Filters.eq("sequenceNumber", 5L)),
                Filters.and(Filters.gte("timestamp", "2026-12-03T05:30:00Z"), Filters.nin("_id", List.of("e-400", "e-401"))),
                Filters.and(Filters.gt("timestamp", "2026-12-03T02:00:00Z"), Filters.lte("timestamp", "2026-12-03T03:00:00Z")),
                Filters.in("owner", List.of("O-1", "O-2", "O-99")),
                Filters.eq("owner", "O-4"),
                Filters.eq("owner", null),
                Filters.ne("owner", "O-4"),
                Filters.eq("ancestors", "L-3"),
                Filters.and(Filters.eq("ancestors", "D-1"), Filters.eq("ancestors", "L-2")),
                Filters.or(Filters.lte("dueAt", new Date(1_800_000_300_000L)), Filters.eq("owner", "O-3")),
                Filters.lte("dueAt", new Date(1_800_000_300_000L)),
                Filters.and(Filters.gte("timestamp", "2026-12-03T09:00:00Z"), Filters.lt("timestamp", "2026-12-03T01:00:00Z")),
                Filters.exists("dueAt", false),
                // a long $nin of strings (Axon's tracking query), on strings, on a field that is sometimes null, mixed
                Filters.and(Filters.gte("timestamp", "2026-12-03T04:00:00Z"), Filters.nin("_id", ids("e-", 200, 260))),
                Filters.nin("owner", ids("O-", 0, 20)),
                Filters.nin("owner", mixed()),
                Filters.and(Filters.nin("_id", ids("e-", 0, 590)), Filters.eq("owner", "O-1")),
                // a long $in of strings (a batch's org-chart entries by id): on _id, on a sometimes-null field, on an
                // array field (any element matches), mixed with a number, beside another condition
                Filters.in("_id", ids("e-", 100, 400)),
                Filters.in("owner", ids("O-", 0, 20)),
                Filters.in("ancestors", ids("L-", 0, 20)),
                Filters.in("owner", mixed()),
                Filters.and(Filters.gte("timestamp", "2026-12-03T04:00:00Z"), Filters.in("_id", ids("e-", 200, 500))),
                Filters.and(Filters.in("_id", ids("e-", 0, 590)), Filters.eq("owner", "O-1")));
        assertSame(events, queries);

        // updates that move keys (and put one in, take one out), an upsert, deletes
        for (MongoCollection<Document> c : events) {
            c.updateMany(Filters.eq("owner", "O-4"), Updates.set("owner", "O-1"));
            c.updateOne(Filters.eq("_id", "e-7"), Updates.set("ancestors", List.of("CEO", "D-9")));
            c.updateMany(Filters.lte("dueAt", new Date(1_800_000_100_000L)), Updates.unset("dueAt"));
            c.updateOne(Filters.eq("_id", "e-8"), Updates.set("dueAt", new Date(1_800_000_000_000L)));
            c.updateOne(Filters.eq("_id", "new"), Updates.combine(Updates.set("owner", "O-4"), Updates.set("ancestors", List.of("L-3")),
                            Updates.set("aggregateIdentifier", "A-new")),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
            c.deleteMany(Filters.eq("aggregateIdentifier", "A-5"));
            c.deleteOne(Filters.eq("_id", "e-9"));
            c.replaceOne(Filters.eq("_id", "e-10"), new Document("_id", "e-10").append("aggregateIdentifier", "A-10").append("owner", "O-2").append("timestamp", "2026-12-03T23:59:00Z"));
        }
        assertSame(events, queries);
        assertThat(events.get(1).countDocuments(Filters.eq("owner", "O-4"))).isEqualTo(1);
    }

    /** The update of one document is done by both stores, or refused by both with the same code. */
    private static void assertSameOutcome(List<MongoCollection<Document>> both, String id, Document update) {
        List<String> outcomes = both.stream().map(c -> {
            try {
                c.updateOne(Filters.eq("_id", id), update);
                return "done";
            } catch (com.mongodb.MongoException e) {
                return "refused " + e.getCode();
            }
        }).toList();
        assertThat(outcomes.get(1)).as("%s", update.toJson()).isEqualTo(outcomes.get(0));
    }

    /** The documents found, an id the store made (one ObjectId in each store) named alike. */
    private static List<Document> madeIdsNamed(Iterable<Document> found) {
        List<Document> named = new ArrayList<>();
        found.forEach(d -> named.add(d.get("_id") instanceof org.bson.types.ObjectId ? new Document(d).append("_id", "made") : d));
        return named;
    }

    private static List<String> ids(String prefix, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static List<Object> mixed() {
        List<Object> values = new ArrayList<>(ids("O-", 0, 20));
        values.add(7);
        return values;
    }

    private static void assertSame(List<MongoCollection<Document>> both, List<Bson> queries) {
        for (Bson query : queries) {
            List<Document> expected = both.get(0).find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            List<Document> actual = both.get(1).find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            assertThat(actual).as(query.toString()).isEqualTo(expected);
            List<Document> limited = both.get(1).find(query).sort(Sorts.ascending("timestamp", "_id")).limit(3).into(new ArrayList<>());
            assertThat(limited).as("sorted and limited: " + query)
                    .isEqualTo(both.get(0).find(query).sort(Sorts.ascending("timestamp", "_id")).limit(3).into(new ArrayList<>()));
        }
    }

    /**
     * The {@code _id} index keeps ids of every kind unique and finds them as the plain store does: strings (its quick
     * way), numbers (an int and a long of one value are one key), ObjectIds the store makes, documents; through
     * inserts with duplicates, deletes, inserts again and upserts.
     */
    @Test
    void ids_of_every_kind_are_kept_unique_and_found_as_the_plain_store_finds_them() {
        List<MongoCollection<Document>> seen = both("seen");
        List<Object> ids = List.of("k-1", "k-2", "", "客户-3", 4, 4L, 5.5, new Document("source", "crm").append("id", "x"), "k-1", 4);
        List<List<String>> outcomes = seen.stream().map(c -> {
            List<String> outcome = new ArrayList<>();
            for (Object id : ids) {
                try {
                    c.insertOne(new Document("_id", id).append("at", "2026-12-03T08:00:00Z"));
                    outcome.add("inserted");
                } catch (com.mongodb.MongoWriteException e) {
                    outcome.add("refused " + e.getCode());
                }
            }
            try {
                c.insertMany(List.of(new Document("_id", "k-2"), new Document("_id", "k-9"), new Document("_id", 4)),
                        new com.mongodb.client.model.InsertManyOptions().ordered(false));
                outcome.add("all inserted");
            } catch (com.mongodb.MongoBulkWriteException e) {
                outcome.add("refused at " + e.getWriteErrors().stream().map(w -> w.getIndex() + ":" + w.getCode()).toList());
            }
            c.insertOne(new Document("made", true)); // the store makes an ObjectId
            c.deleteOne(Filters.eq("_id", "k-1"));
            c.insertOne(new Document("_id", "k-1").append("again", true));
            c.deleteMany(Filters.in("_id", List.of("k-2", 5.5)));
            c.replaceOne(Filters.eq("_id", "k-7"), new Document("_id", "k-7"), new com.mongodb.client.model.ReplaceOptions().upsert(true));
            c.updateOne(Filters.eq("_id", "k-9"), Updates.set("n", 1));
            return outcome;
        }).toList();
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(0)).contains("refused 11000");
        List<Bson> queries = List.of(Filters.eq("_id", "k-1"), Filters.eq("_id", "k-2"), Filters.eq("_id", 4L), Filters.eq("_id", ""),
                Filters.eq("_id", "客户-3"), Filters.eq("_id", new Document("source", "crm").append("id", "x")),
                Filters.in("_id", List.of("k-1", "k-7", "k-9", 4, "none")), Filters.exists("made"), Filters.empty());
        for (Bson query : queries) {
            assertThat(madeIdsNamed(seen.get(1).find(query))).as(query.toString()).isEqualTo(madeIdsNamed(seen.get(0).find(query)));
        }
        assertThat(seen.get(1).countDocuments()).isEqualTo(seen.get(0).countDocuments());
    }

    @Test
    void a_query_on_an_indexed_key_reads_its_candidates_not_the_collection() {
        MongoCollection<Document> c = indexed.getDatabase("t").getCollection("big");
        c.createIndex(Indexes.ascending("owner"));
        c.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            docs.add(new Document("_id", i).append("owner", "O-" + (i % 100)).append("aggregateIdentifier", "A-" + (i % 50))
                    .append("sequenceNumber", (long) (i / 50)));
        }
        c.insertMany(docs);
        List<de.bwaldvogel.mongo.backend.Index<?>> indexes = new ArrayList<>(((IndexedMemoryBackend) indexedServerBackend())
                .resolveDatabase("t").resolveCollection("big", false).getIndexes());

        assertThat(candidates(indexes, new de.bwaldvogel.mongo.bson.Document("owner", "O-7"))).isEqualTo(100);
        assertThat(candidates(indexes, new de.bwaldvogel.mongo.bson.Document("aggregateIdentifier", "A-7")
                .append("sequenceNumber", new de.bwaldvogel.mongo.bson.Document("$gte", 100L)))).as("an aggregate's events").isEqualTo(200);
        assertThat(candidates(indexes, new de.bwaldvogel.mongo.bson.Document("owner",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("O-1", "O-2"))))).isEqualTo(200);
        assertThat(candidates(indexes, new de.bwaldvogel.mongo.bson.Document("owner",
                new de.bwaldvogel.mongo.bson.Document("$ne", "O-1")))).as("not narrowed: every document").isEqualTo(-1);
    }

    /**
     * Setting fields one level down ({@code activities.<id>}, as each ledger does) leaves the same documents, and the
     * same refusals, as the plain store: into a new document, into an existing subdocument, beside other operators,
     * and where the store refuses (a parent that is a string, null, or touched by another operator in the same update).
     */
    @Test
    void setting_fields_inside_a_subdocument_leaves_what_the_plain_store_leaves() {
        List<MongoCollection<Document>> ledgers = both("ledger");
        ledgers.forEach(c -> c.createIndex(Indexes.ascending("ownerRef")));
        Random random = new Random(11);
        for (int i = 0; i < 400; i++) {
            String id = "d-" + random.nextInt(40);
            Document set = new Document();
            for (int k = 0, n = 1 + random.nextInt(6); k < n; k++) {
                set.append("activities.P-" + random.nextInt(60), value(random));
            }
            if (random.nextInt(5) == 0) {
                set.append("seen", i);
            }
            if (random.nextInt(7) == 0) {
                set.append("totals.count", i); // a second parent in the same $set
            }
            if (random.nextInt(11) == 0) {
                set.append("meta", new Document("at", i)); // a subdocument as a value
            }
            if (random.nextInt(13) == 0) {
                set.append("ownerRef", "O-" + i % 3); // a field an index reads
            }
            Document update = new Document("$set", set).append("$setOnInsert", new Document("ownerId", "O-" + i % 3));
            if (random.nextInt(9) == 0) {
                update.append("$inc", new Document("n", 1));
            }
            ledgers.forEach(c -> c.updateOne(Filters.eq("_id", id), update, new com.mongodb.client.model.UpdateOptions().upsert(true)));
        }
        ledgers.forEach(c -> c.updateMany(Filters.regex("_id", "^d-1"), Updates.set("activities.X-many", "m"))); // a multi update
        List<Document> refusals = List.of(
                new Document("$set", new Document("ownerId.x", 1)),                                   // inside a string
                new Document("$set", new Document("activities.Q", 1)).append("$unset", new Document("activities", "")),
                new Document("$set", new Document("activities.Q", 1).append("activities", new Document())),
                new Document("$set", new Document("nothing.x", 1)));                                    // inside null
        ledgers.forEach(c -> c.updateOne(Filters.eq("_id", "d-3"), Updates.set("nothing", null)));
        refusals.forEach(refused -> assertSameOutcome(ledgers, "d-3", refused));
        List<Document> expected = ledgers.get(0).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(ledgers.get(1).find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(expected);
        assertThat(expected).anySatisfy(d -> assertThat(d.get("activities", Document.class)).hasSizeGreaterThan(10));
        assertThat(ledgers.get(1).find(Filters.eq("ownerRef", "O-1")).sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                .isEqualTo(ledgers.get(0).find(Filters.eq("ownerRef", "O-1")).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        assertThat(indexed.getDatabase("t").runCommand(new Document("collStats", "ledger")).get("size")).as("the data size the store counts")
                .isEqualTo(plain.getDatabase("t").runCommand(new Document("collStats", "ledger")).get("size"));
    }

    /**
     * Adding names to an array ({@code $addToSet}, as each ledger's day directory does when it opens a chunk) leaves the
     * same documents, the same refusals and the same data size as the plain store: new and existing documents, names
     * already there, one name or {@code $each}, beside {@code $setOnInsert}; numbers, a field that is not an array, an
     * indexed field and a conflicting {@code $setOnInsert} left to the store.
     */
    @Test
    void adding_to_a_set_leaves_what_the_plain_store_leaves() {
        List<MongoCollection<Document>> directories = both("directory");
        directories.forEach(c -> c.createIndex(Indexes.ascending("chunks")));
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            String id = "day-" + random.nextInt(25);
            Object names = random.nextInt(4) == 0 ? "c-" + random.nextInt(40)
                    : new Document("$each", List.of("c-" + random.nextInt(40), "块-" + random.nextInt(40), "c-" + random.nextInt(40)));
            Document update = new Document("$addToSet", new Document("named", names))
                    .append("$setOnInsert", new Document("ownerId", "O-" + i % 3).append("day", "2026-12-0" + (1 + i % 7)));
            if (random.nextInt(10) == 0) {
                update = new Document("$addToSet", new Document("named", new Document("$each", List.of()))
                        .append("other", "x-" + random.nextInt(3)));
            }
            Document written = update;
            directories.forEach(c -> c.updateOne(Filters.eq("_id", id), written, new com.mongodb.client.model.UpdateOptions().upsert(true)));
        }
        directories.forEach(c -> c.updateOne(Filters.eq("_id", "day-0"), Updates.set("flat", "text")));
        List<Document> left = List.of(
                new Document("$addToSet", new Document("named", 7)),                                             // a number
                new Document("$addToSet", new Document("flat", "c-1")),                                          // not an array
                new Document("$addToSet", new Document("chunks", "c-1")),                                        // an indexed field
                new Document("$addToSet", new Document("named", "c-1")).append("$setOnInsert", new Document("named", List.of())),
                new Document("$addToSet", new Document("named", "c-1")).append("$set", new Document("seen", true)));
        left.forEach(update -> assertSameOutcome(directories, "day-0", update));
        List<Document> expected = directories.get(0).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(expected).hasSizeGreaterThan(20).anySatisfy(d -> assertThat(d.getList("named", Object.class)).hasSizeGreaterThan(30));
        assertThat(directories.get(1).find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(expected);
        assertThat(directories.get(1).find(Filters.eq("named", "块-3")).into(new ArrayList<>()))
                .isEqualTo(directories.get(0).find(Filters.eq("named", "块-3")).into(new ArrayList<>()));
        assertThat(indexed.getDatabase("t").runCommand(new Document("collStats", "directory")).get("size")).as("the data size the store counts")
                .isEqualTo(plain.getDatabase("t").runCommand(new Document("collStats", "directory")).get("size"));
    }

    /** Values of every type the services store, text in and out of ASCII among them: the data size counts their bytes. */
    private static Object value(Random random) {
        int amount = random.nextInt(1000);
        return switch (random.nextInt(8)) {
            case 0 -> "客户回款 " + amount;                  // three bytes a character
            case 1 -> "Zoë 💶 " + amount;                  // two and four
            case 2 -> (long) amount * 1_000_000_007L;
            case 3 -> amount / 7.0;
            case 4 -> amount % 2 == 0;
            case 5 -> null;
            case 6 -> "\ud800 lone " + amount;            // an unpaired surrogate: encoded as one byte
            default -> "{\"amount\":" + amount + "}";
        };
    }

    private MemoryBackend indexedServerBackend() {
        return backend;
    }

    /** How many documents the first index that can narrow the query hands the matcher; -1 when none can. */
    private static int candidates(List<de.bwaldvogel.mongo.backend.Index<?>> indexes, de.bwaldvogel.mongo.bson.Document query) {
        for (de.bwaldvogel.mongo.backend.Index<?> index : indexes) {
            if (index.canHandle(query)) {
                int n = 0;
                for (Object ignored : index.getPositions(query)) {
                    n++;
                }
                return n;
            }
        }
        return -1;
    }
}
