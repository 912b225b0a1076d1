package com.acme.goals.localstack;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory store, with the non-unique indexes the services ask for kept as {@link OrderedIndex}es, and each
 * compound unique index given a companion on its first key (Axon's event store asks for the events of one aggregate
 * from a sequence number on: {@code aggregateIdentifier = X and sequenceNumber >= n}, which a unique index answers only
 * for an exact pair). And one matcher shortcut: a long {@code $nin} of strings is looked up in a set, not compared
 * element by element (Axon's tracking query excludes every event id it saw in the look-back window, hundreds under
 * load, from every candidate: that was most of the store's CPU while HR hired a company), and so is a long {@code $in}
 * of strings (each service reads a batch's org-chart entries by id: 500 ids matched one by one against 500 found).
 * And two update shortcuts: a plain {@code $set}, and a plain {@code $addToSet} of strings, on one document by {@code
 * _id} are applied where the document lies ({@link SubdocumentSets}), not through the store's general update, which
 * copies, re-encodes and re-indexes the whole document and compiles regular expressions for every dotted field. The
 * {@code _id} index finds a string id by the string alone ({@link IdIndex}).
 */
final class IndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedMemoryDatabase(databaseName, this);
    }

    private static final class IndexedMemoryDatabase extends MemoryDatabase {

        private final CursorRegistry cursors;

        IndexedMemoryDatabase(String name, IndexedMemoryBackend backend) {
            super(name, backend.getCursorRegistry());
            this.cursors = backend.getCursorRegistry();
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new SetMatchingCollection(this, collectionName, options, cursors);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new OrderedIndex<>(indexName, keys, sparse);
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            if (keys.size() == 1 && keys.get(0).getKey().equals("_id") && !sparse) {
                return new IdIndex(indexName, keys, sparse);
            }
            Index<Integer> unique = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            if (keys.size() > 1) {
                resolveCollection(collectionName, true).addIndex(new OrderedIndex<>(indexName + "_leading", keys.subList(0, 1), sparse));
            }
            return unique;
        }
    }

    /** A collection whose matcher checks a long {@code $in} or {@code $nin} of strings against a set. */
    private static final class SetMatchingCollection extends MemoryCollection {

        private static final int LONG = 16;
        /** A query that reads every document of a collection this big is worth a line in the log. */
        private static final int SCAN_WARNING = 2_000;
        /** The query last prepared (every document of one query is matched against the same object), and its shortcut. */
        private Document preparedFor;
        private Membership prepared;

        SetMatchingCollection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected de.bwaldvogel.mongo.backend.QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip,
                                                                         int limit, int batchSize, Document fieldSelector) {
            if (count() >= SCAN_WARNING && !query.isEmpty() && getIndexes().stream().noneMatch(index -> index.canHandle(query))) {
                Scans.seen(getFullName(), query, count());
            }
            return QueryCosts.timed(getFullName(), "find", query, orderBy, () -> super.queryDocuments(
                    narrowed(query, orderBy, numberToSkip, limit), orderBy, numberToSkip, limit, batchSize, fieldSelector));
        }

        /**
         * A read sorted ascending by an ordered index's key from a lower bound, and limited, needs only the start of
         * that range: the query with an upper bound where enough documents match (else the query itself). Axon's
         * tracking query is one: a processor behind by thousands of events read, matched and sorted all of them for
         * each batch of a hundred.
         */
        private Document narrowed(Document query, Document orderBy, int skip, int limit) {
            if (limit <= 0 || orderBy == null || orderBy.isEmpty()
                    || !(orderBy.values().iterator().next() instanceof Number direction) || direction.intValue() != 1) {
                return query;
            }
            String key = orderBy.keySet().iterator().next();
            for (Index<Integer> index : getIndexes()) {
                if (index instanceof OrderedIndex<Integer> ordered && ordered.field().equals(key) && ordered.canHandle(query)) {
                    Document bounded = ordered.enoughAt(query, skip + limit, position -> documentMatchesQuery(getDocument(position), query));
                    if (bounded == null) {
                        return query;
                    }
                    // the bounded condition first, so the index narrows by it; each original condition a conjunct of
                    // its own, so a long $nin keeps its shortcut
                    List<Object> conjuncts = new ArrayList<>();
                    conjuncts.add(new Document(key, bounded));
                    query.forEach((field, condition) -> {
                        if (field.equals("$and") && condition instanceof List<?> parts) {
                            conjuncts.addAll(parts);
                        } else {
                            conjuncts.add(new Document(field, condition));
                        }
                    });
                    return new Document("$and", conjuncts);
                }
            }
            return query;
        }

        @Override
        public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
            return QueryCosts.timed(getFullName(), "insert", null, null, () -> super.insertDocuments(documents, isOrdered));
        }

        @Override
        public Document updateDocuments(Document selector, Document update, de.bwaldvogel.mongo.backend.ArrayFilters arrayFilters,
                                        boolean isMulti, boolean isUpsert, de.bwaldvogel.mongo.oplog.Oplog oplog) {
            return QueryCosts.timed(getFullName(), isUpsert ? "upsert" : "update", selector, null, () -> {
                synchronized (this) { // the same lock as the update itself: nothing changes the document in between
                    if (isMulti || !arrayFilters.isEmpty() || !byId(selector)) {
                        return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
                    }
                    Integer position = idPosition(selector);
                    Document document = position == null ? null : getDocument(position);
                    if (document != null && oplog instanceof de.bwaldvogel.mongo.oplog.NoopOplog) {
                        Document done = update.containsKey("$addToSet") ? addToSetInPlace(document, update) : setInPlace(document, update);
                        if (done != null) {
                            return done;
                        }
                    }
                    Document plain = SubdocumentSets.merged(update, field -> document == null || !document.containsKey(field)
                            ? SubdocumentSets.ABSENT : document.get(field));
                    return super.updateDocuments(selector, plain, arrayFilters, isMulti, isUpsert, oplog);
                }
            });
        }

        /** {@code {_id: value}}: at most one document, found by the unique index. */
        private static boolean byId(Document selector) {
            return selector.size() == 1 && selector.containsKey("_id") && !(selector.get("_id") instanceof Document);
        }

        /** Where the document {@code {_id: value}} picks is kept, through the unique index on {@code _id}; null: none. */
        private Integer idPosition(Document selector) {
            for (Index<Integer> index : getIndexes()) {
                if (index.isUnique() && index.getKeys().size() == 1 && index.getKeys().get(0).getKey().equals("_id")) {
                    return index.getPosition(selector);
                }
            }
            for (Document document : super.queryDocuments(selector, null, 0, 1, 0, null)) {
                return findDocumentPosition(document);
            }
            return null;
        }

        /**
         * A plain {@code $set} of scalar values on fields no index reads, applied to the stored document where it lies:
         * what the store's own update leaves (the same fields in the same order, the same data size), without its deep
         * copies of the document, its encoding of the whole document twice to measure it, and its index upkeep for
         * keys that cannot change. Null when the update is not that plain; the store's own update then runs.
         */
        private Document setInPlace(Document document, Document update) {
            if (!(update.get("$set") instanceof Document set) || !set.values().stream().allMatch(SubdocumentSets::scalar)) {
                return null;
            }
            Map<String, Object> fields = SubdocumentSets.topLevel(update, field -> document.containsKey(field)
                    ? document.get(field) : SubdocumentSets.ABSENT);
            if (fields == null || fields.keySet().stream().anyMatch(this::indexed)) {
                return null;
            }
            boolean modified = false;
            int growth = 0;
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                boolean had = document.containsKey(field.getKey());
                Object before = document.get(field.getKey());
                if (had && java.util.Objects.equals(before, field.getValue())) {
                    continue;
                }
                modified = true;
                growth += had ? growth(field.getKey(), before, field.getValue()) : BsonSize.ofField(field.getKey(), field.getValue()) - EMPTY_DOCUMENT;
                document.put(field.getKey(), field.getValue());
            }
            if (modified) {
                updateDataSize(growth);
            }
            return new Document("n", 1).append("nModified", modified ? 1 : 0);
        }

        /**
         * A plain {@code $addToSet} of strings to top-level arrays no index reads (each ledger's day directory names its
         * chunks so, one write for every chunk it opens), applied to the stored document where it lies, each array
         * replaced by a longer copy: what the store's own update leaves, without its deep copy of the document and its
         * encoding of the whole document twice. A {@code $setOnInsert} beside it does nothing to a document that is
         * there. Null when the update is not that plain (a value that is not a string, a field that is not an array,
         * another operator); the store's own update then runs and answers as it does.
         */
        @SuppressWarnings("unchecked")
        private Document addToSetInPlace(Document document, Document update) {
            Object onInsert = update.get("$setOnInsert");
            if (!(update.get("$addToSet") instanceof Document add)
                    || !update.keySet().stream().allMatch(o -> o.equals("$addToSet") || o.equals("$setOnInsert"))
                    || update.containsKey("$setOnInsert") && !(onInsert instanceof Document)
                    || onInsert instanceof Document paths && paths.keySet().stream().anyMatch(path -> add.containsKey(path.split("\\.", 2)[0]))) {
                return null; // not plain, or a conflict the store refuses: let it say so
            }
            Map<String, List<Object>> added = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Object> field : add.entrySet()) {
                List<Object> values;
                if (field.getValue() instanceof String one) {
                    values = List.of(one);
                } else if (field.getValue() instanceof Document each && each.size() == 1 && each.get("$each") instanceof List<?> list
                        && list.stream().allMatch(String.class::isInstance)) {
                    values = (List<Object>) list;
                } else {
                    return null;
                }
                Object there = document.get(field.getKey());
                if (!SubdocumentSets.plainName(field.getKey()) || field.getKey().equals("_id") || indexed(field.getKey())
                        || document.containsKey(field.getKey()) && !(there instanceof List<?>)) {
                    return null;
                }
                added.put(field.getKey(), values);
            }
            boolean modified = false;
            int growth = 0;
            for (Map.Entry<String, List<Object>> field : added.entrySet()) {
                boolean had = document.containsKey(field.getKey());
                List<Object> before = had ? (List<Object>) document.get(field.getKey()) : List.of();
                List<Object> after = new ArrayList<>(before);
                for (Object value : field.getValue()) {
                    if (!after.contains(value)) {
                        after.add(value);
                    }
                }
                if (had && after.size() == before.size()) {
                    continue;
                }
                modified = true;
                growth += BsonSize.ofField(field.getKey(), after) - (had ? BsonSize.ofField(field.getKey(), before) : EMPTY_DOCUMENT);
                document.put(field.getKey(), after);
            }
            if (modified) {
                updateDataSize(growth);
            }
            return new Document("n", 1).append("nModified", modified ? 1 : 0);
        }

        private static final int EMPTY_DOCUMENT = 5;

        /** Whether an index reads this top-level field (or something inside it). */
        private boolean indexed(String field) {
            for (Index<Integer> index : getIndexes()) {
                for (IndexKey key : index.getKeys()) {
                    String path = key.getKey();
                    int dot = path.indexOf('.');
                    if ((dot < 0 ? path : path.substring(0, dot)).equals(field)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * How much larger a field's value grows in BSON: for a subdocument that keeps what it had (a merged parent), the
         * sizes of its new and changed fields only, not the whole subdocument encoded twice.
         */
        private static int growth(String field, Object before, Object after) {
            if (!(before instanceof Document was) || !(after instanceof Document now) || !now.keySet().containsAll(was.keySet())) {
                return BsonSize.ofField(field, after) - BsonSize.ofField(field, before);
            }
            int growth = 0;
            for (Map.Entry<String, Object> child : now.entrySet()) {
                boolean had = was.containsKey(child.getKey());
                Object old = was.get(child.getKey());
                if (!had) {
                    growth += BsonSize.ofField(child.getKey(), child.getValue()) - EMPTY_DOCUMENT;
                } else if (!java.util.Objects.equals(old, child.getValue())) {
                    growth += BsonSize.ofField(child.getKey(), child.getValue()) - BsonSize.ofField(child.getKey(), old);
                }
            }
            return growth;
        }

        @Override
        public int deleteDocuments(Document selector, int limit, de.bwaldvogel.mongo.oplog.Oplog oplog) {
            return QueryCosts.timed(getFullName(), "delete", selector, null, () -> super.deleteDocuments(selector, limit, oplog));
        }

        @Override
        public Document findAndModify(Document command) {
            return QueryCosts.timed(getFullName(), "findAndModify", command.get("query") instanceof Document q ? q : null, null,
                    () -> super.findAndModify(command));
        }

        /** {@code field} must be one of {@code values} ({@code in}) or none of them; {@code rest}: the query without that condition. */
        private record Membership(String field, Set<String> values, boolean in, Document rest) {
            Membership besides(Document others) {
                return new Membership(field, values, in, others);
            }
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            if (query != preparedFor) { // the collection is locked for the whole query: one query at a time
                prepared = membership(query);
                preparedFor = query;
            }
            if (prepared == null || !(document.get(prepared.field()) instanceof String value)) {
                return super.documentMatchesQuery(document, query);
            }
            return prepared.values().contains(value) == prepared.in() && super.documentMatchesQuery(document, prepared.rest());
        }

        private static Membership membership(Document query) {
            for (Map.Entry<String, Object> condition : query.entrySet()) {
                Membership found = longStringList(condition.getKey(), condition.getValue());
                if (found != null) {
                    Document rest = new Document(query);
                    rest.remove(condition.getKey());
                    return found.besides(rest);
                }
            }
            if (query.get("$and") instanceof List<?> conjuncts) {
                for (int i = 0; i < conjuncts.size(); i++) {
                    if (conjuncts.get(i) instanceof Document part && part.size() == 1) {
                        Map.Entry<String, Object> condition = part.entrySet().iterator().next();
                        Membership found = longStringList(condition.getKey(), condition.getValue());
                        if (found != null && conjuncts.size() > 1) {
                            List<Object> others = new ArrayList<>(conjuncts);
                            others.remove(i);
                            Document rest = new Document(query);
                            rest.put("$and", others);
                            return found.besides(rest);
                        }
                    }
                }
            }
            return null;
        }

        /**
         * {@code {field: {$in: [s1, s2, ...]}}} or {@code $nin} on a top-level field, when the list is long and all
         * strings; else null. (Matched one by one, a find of 500 ids by {@code $in} compares 500 × 500 values.)
         */
        private static Membership longStringList(String field, Object condition) {
            if (field.startsWith("$") || field.contains(".") || !(condition instanceof Document operators) || operators.size() != 1) {
                return null;
            }
            boolean in = operators.containsKey("$in");
            if (!((in ? operators.get("$in") : operators.get("$nin")) instanceof Collection<?> values) || values.size() < LONG) {
                return null;
            }
            Set<String> strings = new HashSet<>();
            for (Object value : values) {
                if (!(value instanceof String s)) {
                    return null;
                }
                strings.add(s);
            }
            return new Membership(field, strings, in, null);
        }
    }

    /**
     * Queries that read a whole large collection, by collection and shape (field names and operators, not values):
     * logged once a minute each, so a missing index shows in the launcher's log while the stack runs.
     */
    static final class Scans {

        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Scans.class);
        private static final Map<String, long[]> counts = new java.util.concurrent.ConcurrentHashMap<>();

        static void seen(String collection, Document query, int documents) {
            String shape = collection + " " + shape(query);
            long now = System.nanoTime();
            long[] entry = counts.computeIfAbsent(shape, k -> new long[]{0, now - 61_000_000_000L});
            synchronized (entry) {
                entry[0]++;
                if (now - entry[1] > 60_000_000_000L) {
                    log.info("store: {} scans of {} documents (no index answers it) in the last minute: {}", entry[0], documents, shape);
                    entry[0] = 0;
                    entry[1] = now;
                }
            }
        }

        static String shape(Object value) {
            if (value instanceof Document doc) {
                StringBuilder out = new StringBuilder("{");
                doc.forEach((key, v) -> out.append(out.length() > 1 ? ", " : "").append(key).append(": ").append(shape(v)));
                return out.append('}').toString();
            }
            if (value instanceof List<?> list) {
                return list.isEmpty() ? "[]" : "[" + shape(list.get(0)) + (list.size() > 1 ? ", …" : "") + "]";
            }
            return "?";
        }
    }

    /**
     * With {@code -Dgoals.store.query-costs=true} (for example in {@code GOALS_LAUNCHER_JVM_OPTS}): the time the store
     * spent on each operation by shape (collection, find/insert/update/upsert/delete, fields, operators and sort, not
     * values), the costliest logged every 30 s, to find which reader or writer a benchmark's store CPU goes to. Off by
     * default: it reads the clock twice an operation.
     */
    static final class QueryCosts {

        static final boolean ON = Boolean.getBoolean("goals.store.query-costs");
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QueryCosts.class);
        private static final Map<String, long[]> costs = new java.util.concurrent.ConcurrentHashMap<>();
        private static final java.util.concurrent.atomic.AtomicLong lastLog = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        /** Set while an operation is timed, so the find an update makes is not timed again inside it. */
        private static final ThreadLocal<Boolean> timing = ThreadLocal.withInitial(() -> false);

        /** Runs one store operation, timing it (the outermost only: an update's own find is part of the update). */
        static <T> T timed(String collection, String operation, Document query, Document orderBy, java.util.function.Supplier<T> work) {
            if (!ON || timing.get()) {
                return work.get();
            }
            timing.set(true);
            long began = System.nanoTime();
            try {
                return work.get();
            } finally {
                timing.set(false);
                spent(collection + " " + operation + (query == null ? "" : " " + Scans.shape(query))
                        + (orderBy == null || orderBy.isEmpty() ? "" : " sort " + orderBy.keySet()), System.nanoTime() - began);
            }
        }

        private static void spent(String shape, long nanos) {
            long[] cost = costs.computeIfAbsent(shape, k -> new long[2]);
            synchronized (cost) {
                cost[0]++;
                cost[1] += nanos;
            }
            long now = System.nanoTime();
            long last = lastLog.get();
            if (now - last > 30_000_000_000L && lastLog.compareAndSet(last, now)) {
                report((now - last) / 1e9);
            }
        }

        private static void report(double seconds) {
            List<Map.Entry<String, long[]>> top = new ArrayList<>();
            for (Map.Entry<String, long[]> entry : costs.entrySet()) {
                synchronized (entry.getValue()) {
                    top.add(Map.entry(entry.getKey(), entry.getValue().clone()));
                    entry.getValue()[0] = 0;
                    entry.getValue()[1] = 0;
                }
            }
            top.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, long[]> entry : top.subList(0, Math.min(10, top.size()))) {
                if (entry.getValue()[0] > 0) {
                    out.append(String.format("%n  %,8.0f ms %,9d calls %,7.1f µs each  %s", entry.getValue()[1] / 1e6, entry.getValue()[0],
                            entry.getValue()[1] / 1e3 / entry.getValue()[0], entry.getKey()));
                }
            }
            log.info("store: the costliest operations of the last {} s:{}", Math.round(seconds), out);
        }
    }
}
