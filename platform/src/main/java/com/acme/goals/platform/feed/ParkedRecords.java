package com.acme.goals.platform.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.bson.Document;
import org.bson.types.Binary;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a feed could not handle yet because they refer to something not known yet, kept in the service's own
 * database with their original bytes until it is known. Parking is written before the feed's position moves past the
 * record, so a parked record is never lost; it leaves the parking only once it has been handled (or dead-lettered).
 */
public class ParkedRecords {

    public static final String COLLECTION = "parked_records";
    private static final ObjectMapper BODY = new ObjectMapper();

    /** One parked record, as it was consumed. */
    public record Parked(String id, String group, String waitingFor, String reason, int attempts, ConsumerRecord<String, byte[]> record) {
    }

    private final MongoCollection<Document> parked;
    private final Clock clock;

    public ParkedRecords(MongoDatabase database, Clock clock) {
        this.parked = database.getCollection(COLLECTION);
        this.clock = clock;
        // every applied hire asks what waited for that employee: a read of the few, not of everything parked
        parked.createIndex(com.mongodb.client.model.Indexes.ascending("waitingFor"));
        parked.createIndex(com.mongodb.client.model.Indexes.ascending("group"));
    }

    public void park(String group, ConsumerRecord<String, byte[]> record, NotKnownYet why) {
        List<Document> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new Document("key", h.key()).append("value", new Binary(h.value() == null ? new byte[0] : h.value()))));
        String id = group + "|" + record.topic() + "|" + record.partition() + "|" + record.offset();
        Document existing = parked.find(Filters.eq("_id", id)).first();
        parked.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("group", group)
                .append("waitingFor", why.waitingFor()).append("reason", why.getMessage())
                .append("topic", record.topic()).append("partition", record.partition()).append("offset", record.offset())
                .append("key", record.key()).append("value", new Binary(record.value() == null ? new byte[0] : record.value()))
                .append("headers", headers)
                .append("parkedAt", existing != null ? existing.getString("parkedAt") : clock.instant().toString())
                .append("attempts", existing != null ? existing.getInteger("attempts", 0) + 1 : 0)
                .append("lastTriedAt", clock.instant().toString()), new ReplaceOptions().upsert(true));
    }

    /** The group's parked records, oldest first. */
    public List<Parked> of(String group) {
        return read(Filters.eq("group", group));
    }

    /** Every group's records waiting for {@code waitingFor}, oldest first: one read, however many feeds a service has. */
    public List<Parked> waitingFor(String waitingFor) {
        return read(Filters.eq("waitingFor", waitingFor));
    }

    /** Every group's records waiting for any of {@code waitingFor}, oldest first, in one read. */
    public List<Parked> waitingFor(java.util.Collection<String> waitingFor) {
        return waitingFor.size() == 1 ? waitingFor(waitingFor.iterator().next()) : read(Filters.in("waitingFor", waitingFor));
    }

    private List<Parked> read(org.bson.conversions.Bson filter) {
        List<Parked> found = new ArrayList<>();
        for (Document d : parked.find(filter).sort(new Document("topic", 1).append("partition", 1).append("offset", 1))) {
            RecordHeaders headers = new RecordHeaders();
            for (Document h : d.getList("headers", Document.class, List.of())) {
                headers.add(new RecordHeader(h.getString("key"), h.get("value", Binary.class).getData()));
            }
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(d.getString("topic"), d.getInteger("partition"),
                    ((Number) d.get("offset")).longValue(), ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                    ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, d.getString("key"), d.get("value", Binary.class).getData(),
                    headers, Optional.empty());
            found.add(new Parked(d.getString("_id"), d.getString("group"), d.getString("waitingFor"), d.getString("reason"),
                    d.getInteger("attempts", 0), record));
        }
        return found;
    }

    public void release(String id) {
        parked.deleteOne(Filters.eq("_id", id));
    }

    public long count(String group) {
        return parked.countDocuments(Filters.eq("group", group));
    }

    /** A parked record as an admin reads it: what waits, for what, since when, and where it came from. */
    public record Waiting(String group, String waitingFor, String reason, int attempts, Instant parkedAt, Instant lastTriedAt,
                          String topic, int partition, long offset, String key, String type) {
    }

    /** Every group's parked records, the longest waiting first: {@code size} of them after the first {@code skip}. */
    public List<Waiting> page(int skip, int size) {
        List<Waiting> found = new ArrayList<>();
        for (Document d : parked.find().sort(new Document("parkedAt", 1).append("_id", 1))
                .skip(skip).limit(size)) {
            found.add(new Waiting(d.getString("group"), d.getString("waitingFor"), d.getString("reason"), d.getInteger("attempts", 0),
                    instant(d.getString("parkedAt")), instant(d.getString("lastTriedAt")), d.getString("topic"),
                    d.getInteger("partition"), ((Number) d.get("offset")).longValue(), d.getString("key"), typeOf(d)));
        }
        return found;
    }

    public long count() {
        return parked.countDocuments();
    }

    private static Instant instant(String at) {
        return at == null ? null : Instant.parse(at);
    }

    /** The CloudEvents type: its header (how these services publish), else the JSON body's (structured mode), else null. */
    private static String typeOf(Document d) {
        for (Document h : d.getList("headers", Document.class, List.of())) {
            if (CloudEventCodec.TYPE_HEADER.equals(h.getString("key"))) {
                return new String(h.get("value", Binary.class).getData(), StandardCharsets.UTF_8);
            }
        }
        try {
            JsonNode type = BODY.readTree(d.get("value", Binary.class).getData()).path("type");
            return type.isTextual() ? type.asText() : null;
        } catch (java.io.IOException | RuntimeException notJson) {
            return null;
        }
    }
}
