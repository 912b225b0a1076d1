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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each feed of this service stands on each partition, kept in the service's own database beside the read
 * models it writes, and written after them. On (re)assignment a feed resumes here, not at Kafka's committed offset: if
 * the store loses its last writes (a crash before they reached its file), it loses the position with them and the feed
 * reads those records again; idempotent handlers make that harmless. Kafka's offsets are still committed, for the lag.
 */
public class ConsumerPositions {

    public static final String COLLECTION = "consumer_positions";
    private final MongoCollection<Document> positions;
    private final Clock clock;

    public ConsumerPositions(MongoDatabase database, Clock clock) {
        this.positions = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Records that the group has handled everything before {@code next} on each partition; never moves back. */
    public void save(String group, Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return;
        }
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

    /** Forgets the group's positions (a rebuild moves it back to the beginning). */
    public void forget(String group) {
        positions.deleteMany(Filters.eq("group", group));
    }

    private static String id(String group, TopicPartition partition) {
        return group + "|" + partition.topic() + "|" + partition.partition();
    }
}
