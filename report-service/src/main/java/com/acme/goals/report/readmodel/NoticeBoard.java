package com.acme.goals.report.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each person's notices (reminders, escalations, milestones), one document per fact and recipient: its id comes from
 * the fact, so a re-delivered or replayed event finds the notice already there and neither shows nor mails it twice.
 * {@code mailedAt} is the mail outbox: empty until the notice went out by e-mail.
 */
@Component
public class NoticeBoard {

    public record Notice(String id, String recipientId, String kind, String title, String text, String ownerId,
                         String periodKey, String link, String createdAt, String readAt, String mailedAt) {
    }

    public record Page(String recipientId, int page, int size, long total, long unread, List<Notice> notices) {
    }

    private final MongoCollection<Document> notices;

    public NoticeBoard(MongoDatabase database) {
        this.notices = database.getCollection("notices");
        notices.createIndex(com.mongodb.client.model.Indexes.ascending("recipientId", "createdAt"));
    }

    /** Adds the notice unless one with its id exists; true when it is new. */
    public boolean add(Notice n) {
        var result = notices.updateOne(Filters.eq("_id", n.id()), Updates.combine(
                Updates.setOnInsert("recipientId", n.recipientId()), Updates.setOnInsert("kind", n.kind()),
                Updates.setOnInsert("title", n.title()), Updates.setOnInsert("text", n.text()),
                Updates.setOnInsert("ownerId", n.ownerId()), Updates.setOnInsert("periodKey", n.periodKey()),
                Updates.setOnInsert("link", n.link()), Updates.setOnInsert("createdAt", n.createdAt())),
                new UpdateOptions().upsert(true));
        return result.getUpsertedId() != null;
    }

    public Page of(String recipientId, boolean unreadOnly, int page, int size) {
        Bson mine = Filters.eq("recipientId", recipientId);
        Bson unread = Filters.and(mine, Filters.eq("readAt", null));
        Bson filter = unreadOnly ? unread : mine;
        List<Notice> found = new ArrayList<>();
        notices.find(filter).sort(Sorts.descending("createdAt")).skip(page * size).limit(size)
                .forEach(d -> found.add(notice(d)));
        return new Page(recipientId, page, size, notices.countDocuments(filter), notices.countDocuments(unread), found);
    }

    public java.util.Optional<Notice> find(String id) {
        return java.util.Optional.ofNullable(notices.find(Filters.eq("_id", id)).first()).map(NoticeBoard::notice);
    }

    public void markRead(String id, Instant at) {
        notices.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("readAt", null)), Updates.set("readAt", at.toString()));
    }

    /** Notices not mailed yet, oldest first. */
    public List<Notice> unmailed(int limit) {
        List<Notice> found = new ArrayList<>();
        notices.find(Filters.eq("mailedAt", null)).sort(Sorts.ascending("createdAt")).limit(limit).forEach(d -> found.add(notice(d)));
        return found;
    }

    public void markMailed(String id, Instant at) {
        notices.updateOne(Filters.eq("_id", id), Updates.set("mailedAt", at.toString()));
    }

    private static Notice notice(Document d) {
        return new Notice(d.getString("_id"), d.getString("recipientId"), d.getString("kind"), d.getString("title"),
                d.getString("text"), d.getString("ownerId"), d.getString("periodKey"), d.getString("link"),
                d.getString("createdAt"), d.getString("readAt"), d.getString("mailedAt"));
    }
}
