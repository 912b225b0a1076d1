package com.acme.goals.localstack;

import de.bwaldvogel.mongo.bson.Document;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a plain {@code $set} writes, as whole top-level fields: {@code $set: {"activities.A": x, "activities.B": y}} writes
 * {@code activities: {…what is there, A: x, B: y}}. The embedded store's own path handling compiles several regular
 * expressions for every dotted field it sets, and each service's ledger sets one such field per activity (three
 * services, a thousand activities a batch): in {@code bench e2e} the store's update was two thirds of the launcher's
 * samples, a third under those expressions. Only the plain
 * case is taken: {@code $set} of top-level fields or of fields one level down (no positional or numeric parts), beside
 * at most a {@code $setOnInsert} that touches none of them, each parent now absent or a subdocument. Anything else is
 * left to the store.
 */
final class SubdocumentSets {

    /** What {@code current} answers for a field the document does not have (a field can hold null). */
    static final Object ABSENT = new Object();

    /**
     * The top-level fields the update's {@code $set} writes, each with its value afterwards, or null when the update is
     * not plain. {@code current} gives a top-level field's value in the document the update will change, or
     * {@link #ABSENT}. Must run under the collection's lock, with the write that follows.
     */
    static Map<String, Object> topLevel(Document update, Function<String, Object> current) {
        if (!(update.get("$set") instanceof Document set) || !update.keySet().stream().allMatch(o -> o.equals("$set") || o.equals("$setOnInsert"))) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Document> parents = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : set.entrySet()) {
            String path = field.getKey();
            int dot = path.indexOf('.');
            String parent = dot < 0 ? path : path.substring(0, dot);
            String child = dot < 0 ? null : path.substring(dot + 1);
            if (!plainName(parent) || parent.equals("_id")
                    || (child != null && (!plainName(child) || child.chars().allMatch(Character::isDigit)))) {
                return null;
            }
            if (child == null) {
                fields.put(parent, field.getValue());
            } else {
                parents.computeIfAbsent(parent, p -> new Document()).put(child, field.getValue());
            }
        }
        if (parents.keySet().stream().anyMatch(fields::containsKey) || touchedOnInsert(update, fields.keySet(), parents.keySet())) {
            return null; // the store refuses a conflict: let it say so
        }
        for (Map.Entry<String, Document> parent : parents.entrySet()) {
            Object there = current.apply(parent.getKey());
            if (there != ABSENT && !(there instanceof Document)) {
                return null; // setting inside a value that is not a subdocument: the store's own answer (an error)
            }
            Document merged = there == ABSENT ? new Document() : new Document((Document) there);
            merged.putAll(parent.getValue());
            fields.put(parent.getKey(), merged);
        }
        return fields;
    }

    /** The update with its one-level-down {@code $set} fields merged into their parents, or {@code update} itself. */
    static Document merged(Document update, Function<String, Object> current) {
        if (!(update.get("$set") instanceof Document set) || set.keySet().stream().noneMatch(path -> path.indexOf('.') > 0)) {
            return update;
        }
        Map<String, Object> fields = topLevel(update, current);
        if (fields == null) {
            return update;
        }
        Document result = new Document();
        update.forEach((operator, value) -> result.put(operator, operator.equals("$set") ? new Document(fields) : value));
        return result;
    }

    /** A value the store stores as given: no subdocument or array whose field names it would have to check. */
    static boolean scalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof Collection<?>) && !(value instanceof Object[]);
    }

    static boolean plainName(String name) {
        return !name.isEmpty() && name.indexOf('.') < 0 && name.indexOf('$') < 0;
    }

    private static boolean touchedOnInsert(Document update, Set<String> fields, Set<String> parents) {
        if (!(update.get("$setOnInsert") instanceof Document onInsert)) {
            return update.containsKey("$setOnInsert");
        }
        for (String path : onInsert.keySet()) {
            int dot = path.indexOf('.');
            String root = dot < 0 ? path : path.substring(0, dot);
            if (fields.contains(root) || parents.contains(root)) {
                return true;
            }
        }
        return false;
    }

    private SubdocumentSets() {
    }
}
