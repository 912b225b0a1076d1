package com.acme.goals.crmlink.application;

import org.springframework.stereotype.Component;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Activity whose owner is not in the org chart yet: kept with its original bytes until the owner is hired. */
@Component
public class ParkedActivity {

    public record Parked(String key, String ownerId, byte[] original) {
    }

    private final MongoCollection<Document> parked;

    public ParkedActivity(MongoDatabase database) {
        this.parked = database.getCollection("parked_activity");
    }

    public void park(String key, String ownerId, byte[] original, Instant at) {
        Document doc = new Document("_id", key).append("ownerId", ownerId).append("original", new Binary(original))
                .append("parkedAt", at.toString());
        parked.replaceOne(Filters.eq("_id", key), doc, new ReplaceOptions().upsert(true));
    }

    public List<Parked> forOwner(String ownerId) {
        List<Parked> found = new ArrayList<>();
        parked.find(Filters.eq("ownerId", ownerId)).forEach(d ->
                found.add(new Parked(d.getString("_id"), d.getString("ownerId"), d.get("original", Binary.class).getData())));
        return found;
    }

    /** The owners with parked activity. */
    public java.util.Set<String> owners() {
        java.util.Set<String> owners = new java.util.TreeSet<>();
        parked.find().projection(new Document("ownerId", 1)).forEach(d -> owners.add(d.getString("ownerId")));
        return owners;
    }

    /** Those of the given owners who have parked activity: one read for a batch of hires. */
    public java.util.Set<String> owners(java.util.Collection<String> among) {
        java.util.Set<String> owners = new java.util.TreeSet<>();
        if (!among.isEmpty()) {
            parked.find(Filters.in("ownerId", among)).projection(new Document("ownerId", 1))
                    .forEach(d -> owners.add(d.getString("ownerId")));
        }
        return owners;
    }

    public void release(String key) {
        parked.deleteOne(Filters.eq("_id", key));
    }

    public long count() {
        return parked.countDocuments();
    }
}
