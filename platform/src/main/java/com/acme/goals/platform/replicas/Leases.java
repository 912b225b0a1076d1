package com.acme.goals.platform.replicas;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Periodic work that one replica of a service does for all of them (the deadline sweep, the mail outbox, the redrive of
 * parked records) runs under a lease in the service's own MongoDB: a named document with its holder and an expiry.
 * The holder renews it at each run; another replica takes it only once it has expired, so a replica killed with
 * {@code kill -9} hands the work on after one lease time. The work stays idempotent on its own: the lease saves
 * doubled effort and doubled mail, it is not what keeps counts right.
 */
public class Leases {

    public static final String COLLECTION = "leases";
    private static final Logger log = LoggerFactory.getLogger(Leases.class);
    private static final int DUPLICATE_KEY = 11000;
    private final MongoCollection<Document> leases;
    private final Clock clock;
    private final String holder;
    /** Which leases this replica held at its last ask: only a change is logged. */
    private final java.util.Map<String, Boolean> held = new java.util.concurrent.ConcurrentHashMap<>();

    public Leases(MongoDatabase database, Clock clock) {
        this(database, clock, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** {@code holder}: this replica's name, unique per process start. */
    public Leases(MongoDatabase database, Clock clock, String holder) {
        this.leases = database.getCollection(COLLECTION);
        this.clock = clock;
        this.holder = holder;
    }

    /** Whether this replica holds the lease {@code name} for {@code time} from now: renewed if it held it, taken if it had expired. */
    public boolean hold(String name, Duration time) {
        Instant now = clock.instant();
        try {
            Document lease = leases.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", name), Filters.or(Filters.eq("holder", holder), Filters.lt("until", Date.from(now)))),
                    Updates.combine(Updates.set("holder", holder), Updates.set("until", Date.from(now.plus(time)))),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            boolean isHeld = lease != null && holder.equals(lease.getString("holder"));
            if (isHeld && !Boolean.TRUE.equals(held.put(name, true))) {
                log.info("lease {} taken by this replica ({}) for {}", name, holder, time);
            }
            return isHeld;
        } catch (MongoServerException e) {
            if (e.getCode() == DUPLICATE_KEY) {
                held.put(name, false); // another replica holds it and it has not expired: the upsert found it taken
                return false;
            }
            throw e;
        }
    }

    public String holder() {
        return holder;
    }

}
