package com.acme.goals.report.application;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the deadline sweep stands for an owner and a template: the first period not yet due ({@code next}), when it
 * falls due ({@code dueAt}) and when its owner is to be reminded ({@code remindAt}, cleared once looked at). Every
 * period before {@code next} has been looked at. Both instants are indexed, so a sweep reads the owners something fell
 * due for, not everyone: that is what keeps an idle company of 10,000 idle. Not a read model but a bookmark: if it is
 * lost, the sweep starts again from the day each owner first owed the form and marks nothing twice. A cursor with
 * neither instant is parked: its owner owes nothing more (they left, or no longer hold the template's role).
 */
public class SweepCursor {

    /** A cursor that fell due. */
    public record Due(String ownerId, String templateId, String next) {
    }

    private final MongoCollection<Document> cursors;

    public SweepCursor(MongoDatabase database) {
        this.cursors = database.getCollection("deadline_sweep_cursors");
        cursors.createIndex(Indexes.ascending("dueAt"));
        cursors.createIndex(Indexes.ascending("remindAt"));
    }

    public Optional<String> next(String ownerId, String templateId) {
        return Optional.ofNullable(cursors.find(Filters.eq("_id", id(ownerId, templateId))).first())
                .map(d -> d.getString("next"));
    }

    /** Each owner's next period on a template (null for a parked cursor of one who never owed it). */
    public Map<String, String> ofTemplate(String templateId) {
        Map<String, String> found = new HashMap<>();
        cursors.find(Filters.regex("_id", "\\|" + Pattern.quote(templateId) + "$")).forEach(d -> {
            String id = d.getString("_id");
            found.put(id.substring(0, id.length() - templateId.length() - 1), d.getString("next"));
        });
        return found;
    }

    /** Moves the cursor to {@code periodKey}, due at {@code dueAt}, reminding at {@code remindAt} (null: no reminder). */
    public void advance(String ownerId, String templateId, String periodKey, Instant dueAt, Instant remindAt) {
        cursors.updateOne(Filters.eq("_id", id(ownerId, templateId)), Updates.combine(Updates.set("next", periodKey),
                Updates.set("dueAt", Date.from(dueAt)), Updates.set("remindAt", remindAt == null ? null : Date.from(remindAt)),
                Updates.unset("parked")), new UpdateOptions().upsert(true));
    }

    /** The owner owes this template nothing more: the cursor stays (so nothing is marked twice) but never falls due. */
    public void park(String ownerId, String templateId, String periodKey) {
        cursors.updateOne(Filters.eq("_id", id(ownerId, templateId)), Updates.combine(Updates.set("next", periodKey),
                Updates.unset("dueAt"), Updates.unset("remindAt"), Updates.set("parked", true)), new UpdateOptions().upsert(true));
    }

    /** The reminder of the cursor's period was looked at (sent, or not needed). */
    public void reminded(String ownerId, String templateId) {
        cursors.updateOne(Filters.eq("_id", id(ownerId, templateId)), Updates.set("remindAt", null));
    }

    /** Cursors whose period fell due, or whose reminder time came, at or before {@code now}: two reads, each on its index. */
    public List<Due> due(Instant now) {
        Date at = Date.from(now);
        Map<String, Due> found = new java.util.LinkedHashMap<>();
        for (Bson due : List.of(Filters.lte("dueAt", at), Filters.lte("remindAt", at))) {
            cursors.find(due).forEach(d -> {
                String id = d.getString("_id");
                int cut = id.lastIndexOf('|'); // a template id has no |
                found.putIfAbsent(id, new Due(id.substring(0, cut), id.substring(cut + 1), d.getString("next")));
            });
        }
        return new ArrayList<>(found.values());
    }

    /** Forgets every cursor of a template: the sweep looks at its owners again from the day each first owed it. */
    public void restart(String templateId) {
        cursors.deleteMany(Filters.regex("_id", "\\|" + Pattern.quote(templateId) + "$"));
    }

    private static String id(String ownerId, String templateId) {
        return ownerId + "|" + templateId;
    }
}
