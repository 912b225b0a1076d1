package com.acme.goals.platform.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where each feed of this service stands on each partition, kept in the service's own database beside the read
 * models it writes, and written after them. On (re)assignment a feed resumes here, not at Kafka's committed offset: if
 * the store loses its last writes (a crash before they reached its file), it loses the position with them and the feed
 * reads those records again; idempotent handlers make that harmless. Kafka's offsets are still committed, for the lag.
 * <p>
 * A batch the feed passed over unread (another feed's events on a shared topic: goal-service's feed of {@code
 * crm.events} reads none of a wave of payments) changes nothing here, so its position is held and written with the next
 * batch that changes something, or after a second: writing it each poll was 26 of goal-service's 60 JFR samples through
 * bench e2e's burst. A held position lost (a crash, the partition moving to another instance) only means passing over
 * those records again.
 */
public class ConsumerPositions {

    public static final String COLLECTION = "consumer_positions";
    private static final Duration HOLD_UNREAD = Duration.ofSeconds(1);
    private final MongoCollection<Document> positions;
    private final Clock clock;
    private final long holdNanos;
    private final LongSupplier nanoTime;
    /** Per group: positions past records passed over unread, not written yet; and when the group's last write was. */
    private final Map<String, Map<TopicPartition, Long>> held = new HashMap<>();
    private final Map<String, Long> lastWritten = new HashMap<>();

    public ConsumerPositions(MongoDatabase database, Clock clock) {
        this(database, clock, HOLD_UNREAD, System::nanoTime);
    }

    ConsumerPositions(MongoDatabase database, Clock clock, Duration holdUnread, LongSupplier nanoTime) {
        this.positions = database.getCollection(COLLECTION);
        this.clock = clock;
        this.holdNanos = holdUnread.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Records that the group has handled everything before {@code next} on each partition; never moves back. */
    public void save(String group, Map<TopicPartition, Long> next) {
        save(group, next, false);
    }

    /**
     * {@link #save(String, Map)}; when the batch was {@code passedOver} unread, the positions are held instead, unless
     * the group has written none for a while. Whatever is held for the group is written with the next write.
     */
    void save(String group, Map<TopicPartition, Long> next, boolean passedOver) {
        Map<TopicPartition, Long> due;
        synchronized (held) { // a group's partitions may be consumed by several threads
            Map<TopicPartition, Long> waiting = held.computeIfAbsent(group, g -> new HashMap<>());
            next.forEach((partition, offset) -> waiting.merge(partition, offset, Math::max));
            long now = nanoTime.getAsLong();
            Long last = lastWritten.get(group);
            if (waiting.isEmpty() || passedOver && last != null && now - last < holdNanos) {
                return;
            }
            due = new HashMap<>(waiting);
            waiting.clear();
            lastWritten.put(group, now);
        }
        write(group, due);
    }

    private void write(String group, Map<TopicPartition, Long> next) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        String at = clock.instant().toString();
        next.forEach((partition, offset) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id(group, partition)),
                Updates.combine(Updates.max("next", offset), Updates.set("group", group), Updates.set("topic", partition.topic()),
                        Updates.set("partition", partition.partition()), Updates.set("at", at)),
                new UpdateOptions().upsert(true))));
        positions.bulkWrite(writes);
    }

    /** The stored positions of the group on these partitions (absent: none stored yet, Kafka's offset applies). */
    public Map<TopicPartition, Long> load(String group, Iterable<TopicPartition> partitions) {
        Map<TopicPartition, Long> found = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Document doc = positions.find(Filters.eq("_id", id(group, partition))).first();
            if (doc != null) {
                found.put(partition, ((Number) doc.get("next")).longValue());
            }
        }
        return found;
    }

    /** Every stored position of the group, on whatever partitions it has stood. */
    public Map<TopicPartition, Long> stored(String group) {
        Map<TopicPartition, Long> found = new HashMap<>();
        for (Document doc : positions.find(Filters.eq("group", group))) {
            found.put(partition(doc), ((Number) doc.get("next")).longValue());
        }
        return found;
    }

    /** Forgets the group's positions (a rebuild moves it back to the beginning), those held unwritten too. */
    public void forget(String group) {
        synchronized (held) {
            held.remove(group);
        }
        positions.deleteMany(Filters.eq("group", group));
    }

    /**
     * Hands a retired group's positions to the group that took over its work: on each partition the heir resumes at
     * the lower of the two, since reading a record again is harmless and passing one by is not; then the retired
     * group's are dropped. A partition the heir has no position on stays so (it reads that one from the beginning).
     * Run again after a crash half-way, it does the same.
     */
    public void retire(String retired, String heir) {
        stored(retired).forEach((partition, next) -> positions.updateOne(Filters.eq("_id", id(heir, partition)), Updates.min("next", next)));
        positions.deleteMany(Filters.eq("group", retired));
    }

    private static TopicPartition partition(Document doc) {
        return new TopicPartition(doc.getString("topic"), ((Number) doc.get("partition")).intValue());
    }

    private static String id(String group, TopicPartition partition) {
        return group + "|" + partition.topic() + "|" + partition.partition();
    }
}
