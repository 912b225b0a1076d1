package com.acme.goals.crmlink.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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

    public record Parked(String key, String ownerId, byte[] original, String parkedAt) {
    }

    /** One owner's parked activity, summed up: how many records and since when. */
    public record Waiting(String ownerId, long records, Instant firstParkedAt, Instant lastParkedAt) {
    }

    private final MongoCollection<Document> parked;

    /** The gauge beside the feeds' parked records, so the alert on records waiting over an hour sees these too. */
    public static final String GAUGE_GROUP = "crm-link-service.unknown-owners";

    public ParkedActivity(MongoDatabase database, MeterRegistry meters) {
        this.parked = database.getCollection("parked_activity");
        parked.createIndex(com.mongodb.client.model.Indexes.ascending("ownerId")); // each hire asks for its owner's
        Gauge.builder("goals.feed.parked", this::count).tag("group", GAUGE_GROUP)
                .description("CRM activity parked until its owner is in the org chart").register(meters);
    }

    public void park(String key, String ownerId, byte[] original, Instant at) {
        Document doc = new Document("_id", key).append("ownerId", ownerId).append("original", new Binary(original))
                .append("parkedAt", at.toString());
        parked.replaceOne(Filters.eq("_id", key), doc, new ReplaceOptions().upsert(true));
    }

    public List<Parked> forOwner(String ownerId) {
        List<Parked> found = new ArrayList<>();
        parked.find(Filters.eq("ownerId", ownerId)).forEach(d ->
                found.add(new Parked(d.getString("_id"), d.getString("ownerId"), d.get("original", Binary.class).getData(),
                        d.getString("parkedAt"))));
        return found;
    }

    /** Every owner with parked activity, the one waiting longest first: what an admin registers to have it counted. */
    public List<Waiting> waiting() {
        java.util.Map<String, Waiting> owners = new java.util.HashMap<>();
        parked.find().projection(new Document("ownerId", 1).append("parkedAt", 1)).forEach(d -> {
            Instant at = Instant.parse(d.getString("parkedAt"));
            owners.merge(d.getString("ownerId"), new Waiting(d.getString("ownerId"), 1, at, at), (a, b) -> new Waiting(a.ownerId(),
                    a.records() + 1, a.firstParkedAt().isBefore(at) ? a.firstParkedAt() : at,
                    a.lastParkedAt().isAfter(at) ? a.lastParkedAt() : at));
        });
        return owners.values().stream().sorted(java.util.Comparator.comparing(Waiting::firstParkedAt)
                .thenComparing(Waiting::ownerId)).toList();
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
