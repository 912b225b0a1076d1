package com.acme.goals.localstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.util.List;

/**
 * The unique index on {@code _id}, which finds a document whose {@code _id} is a string by that string alone. The
 * store's own index takes every document apart as if its key could be a path through arrays (paths split, values
 * collected per key, every combination built), twice for each insert: that was 6% of the launcher's CPU in {@code bench
 * e2e}, mostly crm-link's {@code inbound_seen}. Any other {@code _id} (a number, an ObjectId, a document) goes the
 * store's own way.
 */
final class IdIndex extends MemoryUniqueIndex {

    IdIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        Assert.isTrue(keys.size() == 1 && keys.get(0).getKey().equals("_id") && !sparse, () -> "not an _id index: " + keys);
    }

    /** The key of a document whose {@code _id} is a string (a string is its own normalised value); null otherwise. */
    private static KeyValue plain(Document document) {
        return document.get("_id") instanceof String id ? new KeyValue(id) : null;
    }

    @Override
    public Integer getPosition(Document document) {
        KeyValue key = plain(document);
        return key == null ? super.getPosition(document) : getPosition(key);
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<Integer> collection) {
        KeyValue key = plain(document);
        if (key == null) {
            super.checkAdd(document, collection);
        } else if (getPosition(key) != null) {
            throw new DuplicateKeyError(this, collection, getKeys(), key);
        }
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        KeyValue key = plain(document);
        if (key == null) {
            super.add(document, position, collection);
            return;
        }
        checkAdd(document, collection);
        boolean added = putKeyPosition(key, position);
        Assert.isTrue(added, () -> "Key " + key + " already exists. Concurrency issue?");
    }

    @Override
    public synchronized Integer remove(Document document) {
        KeyValue key = plain(document);
        return key == null ? super.remove(document) : removeDocument(key);
    }
}
