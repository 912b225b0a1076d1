package com.acme.goals.localstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A non-unique index for the embedded store, which otherwise accepts such indexes and ignores them: every query on
 * anything but a unique key would read the whole collection (stack-notes.md, trap 2), so the cost of a read grew with
 * everything ever stored, and each service's idle polling with it. This one orders the documents by the index's first
 * key (each element, for an array) and answers which documents <em>may</em> match a query that constrains that key by
 * equality, {@code $in} or a range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}), at the top level or in a
 * top-level {@code $and}. The store still matches every candidate against the whole query, sorts and limits, so a
 * superset is always right; a query this index cannot narrow reads the collection as before. Real MongoDB does all
 * this itself: the index only makes the embedded store behave, in cost, like the database the services are written
 * for.
 */
final class OrderedIndex<P> extends Index<P> {

    private static final Object NONE = new Object();
    private final String field;
    private final NavigableMap<Object, Set<P>> byValue = new TreeMap<>(ValueComparator.asc());
    /** Documents whose first key is missing or null. */
    private final Set<P> withoutValue = new LinkedHashSet<>();
    private final Map<Object, P> positionById = new HashMap<>();
    private final Map<P, List<Object>> valuesAt = new HashMap<>();
    /** Documents with more than one value of the first key (an array): a walk in key order meets them more than once. */
    private int arrays;

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
    }

    /** The first key's values of a document: each element of an array, {@link #NONE} when missing or null. */
    private List<Object> values(Document document) {
        List<Object> values = new ArrayList<>();
        for (KeyValue keyValue : getKeyValues(document)) {
            Object value = keyValue.get(0);
            values.add(value == null || value instanceof Missing ? NONE : value);
        }
        if (values.isEmpty()) {
            values.add(NONE);
        }
        return values;
    }

    private static Object id(Document document) {
        return document.get("_id");
    }

    @Override
    public synchronized P getPosition(Document document) {
        return positionById.get(id(document));
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        List<Object> values = values(document);
        positionById.put(id(document), position);
        link(position, values);
    }

    private void link(P position, List<Object> values) {
        valuesAt.put(position, values);
        values.forEach(value -> bucket(value).add(position));
        if (values.size() > 1) {
            arrays++;
        }
    }

    private Set<P> bucket(Object value) {
        return value == NONE ? withoutValue : byValue.computeIfAbsent(value, v -> new LinkedHashSet<>());
    }

    @Override
    public synchronized P remove(Document document) {
        P position = positionById.remove(id(document));
        if (position != null) {
            unlink(position);
        }
        return position;
    }

    private void unlink(P position) {
        List<Object> values = valuesAt.remove(position);
        if (values == null) {
            return;
        }
        if (values.size() > 1) {
            arrays--;
        }
        for (Object value : values) {
            if (value == NONE) {
                withoutValue.remove(position);
            } else {
                Set<P> positions = byValue.get(value);
                if (positions != null) {
                    positions.remove(position);
                    if (positions.isEmpty()) {
                        byValue.remove(value);
                    }
                }
            }
        }
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        List<Object> values = values(newDocument);
        if (values.equals(valuesAt.get(position))) {
            return;
        }
        unlink(position);
        positionById.put(id(newDocument), position);
        link(position, values);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return condition(query) != null;
    }

    /** What the query asks of the first key, as a conjunct: a plain value or an operator document; null if nothing usable. */
    private Object condition(Document query) {
        if (query.containsKey(field) && usable(query.get(field))) {
            return query.get(field);
        }
        if (query.get("$and") instanceof Collection<?> conjuncts) {
            for (Object conjunct : conjuncts) {
                if (conjunct instanceof Document part) {
                    Object found = condition(part);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private static boolean usable(Object value) {
        if (value == null || value instanceof Collection || value instanceof java.util.regex.Pattern
                || value instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression) {
            return false;
        }
        if (value instanceof Document operators) {
            if (operators.isEmpty()) {
                return false;
            }
            for (Map.Entry<String, Object> op : operators.entrySet()) {
                switch (op.getKey()) {
                    case "$eq", "$gt", "$gte", "$lt", "$lte" -> {
                        if (op.getValue() == null || op.getValue() instanceof Collection || op.getValue() instanceof Document) {
                            return false;
                        }
                    }
                    case "$in" -> {
                        if (!(op.getValue() instanceof Collection<?> in) || in.stream().anyMatch(v -> v == null
                                || v instanceof Collection || v instanceof Document || v instanceof java.util.regex.Pattern
                                || v instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression)) {
                            return false;
                        }
                    }
                    default -> {
                        return false; // $ne, $nin, $exists, $regex, $elemMatch, a sub-document to equal: read everything
                    }
                }
            }
        }
        return true;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Object condition = condition(query);
        Set<P> found = new LinkedHashSet<>();
        if (!(condition instanceof Document operators)) {
            addAll(found, byValue.get(condition));
            return found;
        }
        NavigableMap<Object, Set<P>> range = byValue;
        boolean ranged = false;
        try {
            for (Map.Entry<String, Object> op : operators.entrySet()) {
                Object value = op.getValue();
                switch (op.getKey()) {
                    case "$gt" -> { range = range.tailMap(value, false); ranged = true; }
                    case "$gte" -> { range = range.tailMap(value, true); ranged = true; }
                    case "$lt" -> { range = range.headMap(value, false); ranged = true; }
                    case "$lte" -> { range = range.headMap(value, true); ranged = true; }
                    default -> { }
                }
            }
        } catch (IllegalArgumentException boundsCross) { // {$gte: 5, $lt: 3}: every document, and the matcher decides
            byValue.values().forEach(found::addAll);
            found.addAll(withoutValue);
            return found;
        }
        if (operators.containsKey("$eq")) {
            addAll(found, range.get(operators.get("$eq")));
        } else if (operators.containsKey("$in")) {
            for (Object value : (Collection<?>) operators.get("$in")) {
                addAll(found, range.get(value));
            }
        } else if (ranged) {
            range.values().forEach(positions -> found.addAll(positions));
        }
        return found;
    }

    String field() {
        return field;
    }

    /**
     * For a read that asks only for a lower bound on this index's key, sorted by that key ascending and limited to
     * {@code wanted} documents: that condition with an upper bound added, the key at which a walk up from the lower
     * bound has met {@code wanted} documents that {@code match} (whole buckets, so ties stay in). Nothing above it can
     * be among the first {@code wanted}. Null when the walk needs the whole range, or the index holds arrays.
     */
    synchronized Document enoughAt(Document query, int wanted, java.util.function.Predicate<P> match) {
        if (arrays > 0 || !(condition(query) instanceof Document operators) || operators.size() != 1) {
            return null;
        }
        Map.Entry<String, Object> lower = operators.entrySet().iterator().next();
        NavigableMap<Object, Set<P>> range;
        switch (lower.getKey()) {
            case "$gt" -> range = byValue.tailMap(lower.getValue(), false);
            case "$gte" -> range = byValue.tailMap(lower.getValue(), true);
            default -> {
                return null;
            }
        }
        int met = 0;
        for (Map.Entry<Object, Set<P>> bucket : range.entrySet()) {
            for (P position : bucket.getValue()) {
                if (match.test(position)) {
                    met++;
                }
            }
            if (met >= wanted) {
                return new Document(lower.getKey(), lower.getValue()).append("$lte", bucket.getKey());
            }
        }
        return null;
    }

    private void addAll(Set<P> found, Set<P> positions) {
        if (positions != null) {
            found.addAll(positions);
        }
    }

    @Override
    public synchronized long getCount() {
        return positionById.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        byValue.clear();
        withoutValue.clear();
        positionById.clear();
        valuesAt.clear();
        arrays = 0;
    }
}
