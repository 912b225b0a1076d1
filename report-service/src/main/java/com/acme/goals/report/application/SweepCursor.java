package com.acme.goals.report.application;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.util.Optional;

/**
 * Where the deadline sweep stopped for an owner and a template: the first period that was not yet due. Every period
 * before it has been looked at, so a sweep starts there instead of at the day the owner joined. Not a read model
 * but a bookmark: if it is lost, the next sweep starts from the joining day again and marks nothing twice.
 */
public class SweepCursor {

    private final MongoCollection<Document> cursors;

    public SweepCursor(MongoDatabase database) {
        this.cursors = database.getCollection("deadline_sweep_cursors");
    }

    public Optional<String> next(String ownerId, String templateId) {
        return Optional.ofNullable(cursors.find(Filters.eq("_id", id(ownerId, templateId))).first())
                .map(d -> d.getString("next"));
    }

    public void advance(String ownerId, String templateId, String periodKey) {
        cursors.replaceOne(Filters.eq("_id", id(ownerId, templateId)), new Document("_id", id(ownerId, templateId))
                .append("next", periodKey), new ReplaceOptions().upsert(true));
    }

    private static String id(String ownerId, String templateId) {
        return ownerId + "|" + templateId;
    }
}
