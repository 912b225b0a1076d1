package com.acme.goals.platform.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * Shares each tracking processor's segments out over the replicas. Axon lets whichever instance starts first claim every
 * segment it has threads for and keep them; nothing hands one to an instance that starts later. So each replica says
 * it is alive (a document per processor and replica in {@code processor_members}, renewed every run) and one that holds
 * more than its share (segments over live replicas, rounded up) releases one segment for a while, which an idle
 * thread of another replica then claims. A replica that dies stops renewing; the others take its segments after the
 * claim timeout and its share grows back.
 */
public class SegmentShares {

    static final String COLLECTION = "processor_members";
    private static final Logger log = LoggerFactory.getLogger(SegmentShares.class);
    private final MongoCollection<Document> members;
    private final TokenStore tokenStore;
    private final Clock clock;
    private final String replica;
    private final Duration alive;

    /** {@code alive}: how long a replica counts after its last run (a few runs). */
    public SegmentShares(MongoDatabase database, TokenStore tokenStore, Clock clock, String replica, Duration alive) {
        this.members = database.getCollection(COLLECTION);
        this.tokenStore = tokenStore;
        this.clock = clock;
        this.replica = replica;
        this.alive = alive;
    }

    /** One run: say this replica is alive for each processor, and give up one segment of any it holds too many of. */
    public void share(Collection<TrackingEventProcessor> processors) {
        Instant now = clock.instant();
        for (TrackingEventProcessor processor : processors) {
            if (!processor.isRunning()) {
                continue;
            }
            String name = processor.getName();
            members.replaceOne(Filters.eq("_id", name + "|" + replica),
                    new Document("_id", name + "|" + replica).append("processor", name).append("seenAt", Date.from(now)),
                    new ReplaceOptions().upsert(true));
            long live = Math.max(1, members.countDocuments(Filters.and(Filters.eq("processor", name),
                    Filters.gt("seenAt", Date.from(now.minus(alive))))));
            int segments = tokenStore.fetchSegments(name).length;
            long share = (segments + live - 1) / live;
            var held = processor.processingStatus().keySet();
            if (held.size() > share) {
                int release = held.stream().max(Comparator.naturalOrder()).orElseThrow();
                log.info("processor {}: holds {} of {} segments with {} replicas alive; releasing segment {} for another",
                        name, held.size(), segments, live, release);
                processor.releaseSegment(release, alive.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
