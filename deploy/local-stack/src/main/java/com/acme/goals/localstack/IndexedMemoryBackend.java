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
 * load, from every candidate: that was most of the store's CPU while HR hired a company).
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
            Index<Integer> unique = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            if (keys.size() > 1) {
                resolveCollection(collectionName, true).addIndex(new OrderedIndex<>(indexName + "_leading", keys.subList(0, 1), sparse));
            }
            return unique;
        }
    }

    /** A collection whose matcher checks a long {@code $nin} of strings against a set. */
    private static final class SetMatchingCollection extends MemoryCollection {

        private static final int LONG = 16;
        /** A query that reads every document of a collection this big is worth a line in the log. */
        private static final int SCAN_WARNING = 2_000;
        /** The query last prepared (every document of one query is matched against the same object), and its shortcut. */
        private Document preparedFor;
        private NotIn prepared;

        SetMatchingCollection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected de.bwaldvogel.mongo.backend.QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip,
                                                                         int limit, int batchSize, Document fieldSelector) {
            if (count() >= SCAN_WARNING && !query.isEmpty() && getIndexes().stream().noneMatch(index -> index.canHandle(query))) {
                Scans.seen(getFullName(), query, count());
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** {@code field} must be none of {@code excluded}; {@code rest}: the query without that condition. */
        private record NotIn(String field, Set<String> excluded, Document rest) {
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            if (query != preparedFor) { // the collection is locked for the whole query: one query at a time
                prepared = notIn(query);
                preparedFor = query;
            }
            if (prepared == null || !(document.get(prepared.field()) instanceof String value)) {
                return super.documentMatchesQuery(document, query);
            }
            return !prepared.excluded().contains(value) && super.documentMatchesQuery(document, prepared.rest());
        }

        private static NotIn notIn(Document query) {
            for (Map.Entry<String, Object> condition : query.entrySet()) {
                Set<String> excluded = longStringNin(condition.getKey(), condition.getValue());
                if (excluded != null) {
                    Document rest = new Document(query);
                    rest.remove(condition.getKey());
                    return new NotIn(condition.getKey(), excluded, rest);
                }
            }
            if (query.get("$and") instanceof List<?> conjuncts) {
                for (int i = 0; i < conjuncts.size(); i++) {
                    if (conjuncts.get(i) instanceof Document part && part.size() == 1) {
                        Map.Entry<String, Object> condition = part.entrySet().iterator().next();
                        Set<String> excluded = longStringNin(condition.getKey(), condition.getValue());
                        if (excluded != null && conjuncts.size() > 1) {
                            List<Object> others = new ArrayList<>(conjuncts);
                            others.remove(i);
                            Document rest = new Document(query);
                            rest.put("$and", others);
                            return new NotIn(condition.getKey(), excluded, rest);
                        }
                    }
                }
            }
            return null;
        }

        /** The strings of {@code {field: {$nin: [s1, s2, ...]}}} on a top-level field when there are many; else null. */
        private static Set<String> longStringNin(String field, Object condition) {
            if (field.startsWith("$") || field.contains(".") || !(condition instanceof Document operators) || operators.size() != 1
                    || !(operators.get("$nin") instanceof Collection<?> values) || values.size() < LONG) {
                return null;
            }
            Set<String> strings = new HashSet<>();
            for (Object value : values) {
                if (!(value instanceof String s)) {
                    return null;
                }
                strings.add(s);
            }
            return strings;
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

        private static String shape(Object value) {
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
}
