package com.acme.goals.crmlink.application;

import org.springframework.stereotype.Component;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inbound (source, id) pairs already recorded, keyed by {@code _id} so look-ups hit the unique index
 * (stack-notes.md trap 1). Written only after the recorded activity is on Kafka, so a crash in between
 * republishes with the same id, and downstream drops the copy.
 */
@Component
public class SeenEvents {

    private final MongoCollection<Document> seen;

    public SeenEvents(MongoDatabase database) {
        this.seen = database.getCollection("inbound_seen");
    }

    /** Of the given keys, those already recorded: one round trip for a whole batch. */
    public Set<String> alreadySeen(Collection<String> keys) {
        Set<String> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        seen.find(Filters.in("_id", keys)).projection(new Document("_id", 1))
                .forEach(d -> found.add(d.getString("_id")));
        return found;
    }

    public void markSeen(List<String> keys, Instant at) {
        if (keys.isEmpty()) {
            return;
        }
        List<Document> docs = keys.stream().map(k -> new Document("_id", k).append("at", at.toString())).toList();
        try {
            seen.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // a key marked by an earlier, interrupted run of the same batch is fine; anything else is not
            boolean onlyDuplicates = e.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }
}
