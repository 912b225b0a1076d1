package com.acme.goals.team.org;

import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The org chart as each service sees it, projected from {@code org.events} into the service's own database:
 * one document per employee, keyed by id, with every reporting line it had and since when, so "who reported to
 * whom on that date" stays answerable. Each event applies once: the document keeps the aggregate sequence it has
 * seen, and an older or repeated event changes nothing. Rebuildable from the topic.
 */
public class OrgChart {

    public static final String COLLECTION = "org_chart";
    /** How long a looked-up employee is reused; a bound on how late an authorisation sees a move, beside Kafka's. */
    public static final java.time.Duration DEFAULT_CACHE_TTL = java.time.Duration.ofSeconds(2);
    private static final int CACHE_LIMIT = 50_000;
    private final MongoCollection<Document> employees;
    private final long cacheNanos;
    private final java.util.function.LongSupplier ticker;
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** An employee's document (or its absence) as read at a moment. */
    private record Cached(Document doc, long readAt) {
    }

    public OrgChart(MongoDatabase database) {
        this(database, DEFAULT_CACHE_TTL);
    }

    /**
     * Every authorised request walks the chain one employee at a time; the walks are served from memory for
     * {@code cacheTtl} (zero: always read). Not invalidated across replicas, so the TTL, not the events, bounds how
     * stale a decision can be; this instance's own writes drop their entry at once.
     */
    public OrgChart(MongoDatabase database, java.time.Duration cacheTtl) {
        this(database, cacheTtl, System::nanoTime);
    }

    /** {@code ticker}: nanoseconds, for tests that step the cache's age rather than sleep through it. */
    OrgChart(MongoDatabase database, java.time.Duration cacheTtl, java.util.function.LongSupplier ticker) {
        this.employees = database.getCollection(COLLECTION);
        this.cacheNanos = cacheTtl.toNanos();
        this.ticker = ticker;
        employees.createIndex(com.mongodb.client.model.Indexes.ascending("supervisorId")); // direct reports
        employees.createIndex(com.mongodb.client.model.Indexes.ascending("changedAt")); // who changed since a sweep
    }

    private Document document(String employeeId) {
        if (cacheNanos <= 0) {
            return employees.find(Filters.eq("_id", employeeId)).first();
        }
        long now = ticker.getAsLong();
        Cached cached = cache.get(employeeId);
        if (cached != null && now - cached.readAt() < cacheNanos) {
            return cached.doc();
        }
        Document doc = employees.find(Filters.eq("_id", employeeId)).first();
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(employeeId, new Cached(doc, now));
        return doc;
    }

    public void apply(EmployeeRegistered event, long sequence) {
        Document doc = new Document("_id", event.employeeId())
                .append("role", event.role())
                .append("supervisorId", event.supervisorId())
                .append("timeZone", event.timeZone())
                .append("lines", new ArrayList<>(List.of(line(event.supervisorId(), event.registeredAt()))))
                .append("joinedOn", (event.joinedOn() != null ? event.joinedOn()
                        : event.registeredAt().atZone(java.time.ZoneId.of(event.timeZone())).toLocalDate()).toString())
                .append("sequence", sequence)
                .append("changedAt", new java.util.Date());
        Document existing = employees.find(Filters.eq("_id", event.employeeId())).first();
        if (existing == null || existing.get("sequence", Number.class).longValue() < sequence) {
            employees.replaceOne(Filters.eq("_id", event.employeeId()), doc, new ReplaceOptions().upsert(true));
            cache.remove(event.employeeId());
        }
    }

    public void apply(ReportingLineChanged event, long sequence) {
        update(event.employeeId(), sequence, doc -> {
            List<Document> lines = new ArrayList<>(doc.getList("lines", Document.class, List.of()));
            lines.add(line(event.supervisorId(), event.changedAt()));
            doc.put("lines", lines);
            doc.put("supervisorId", event.supervisorId());
        });
    }

    public void apply(EmployeeLeft event, long sequence) {
        update(event.employeeId(), sequence, doc -> doc.put("leftAt", event.leftAt().toString()));
    }

    private void update(String employeeId, long sequence, Consumer<Document> change) {
        Document doc = employees.find(Filters.eq("_id", employeeId)).first();
        if (doc == null || doc.get("sequence", Number.class).longValue() >= sequence) {
            return; // unknown yet (its registration comes first on the same partition) or already applied
        }
        change.accept(doc);
        doc.put("sequence", sequence);
        doc.put("changedAt", new java.util.Date());
        employees.replaceOne(Filters.eq("_id", employeeId), doc);
        cache.remove(employeeId);
    }

    private static Document line(String supervisorId, Instant from) {
        return new Document("supervisorId", supervisorId).append("from", from.toString());
    }

    public Optional<OrgEntry> find(String employeeId) {
        Document doc = document(employeeId);
        return Optional.ofNullable(doc).map(d -> new OrgEntry(d.getString("_id"), d.getString("role"),
                d.getString("supervisorId"), d.getString("timeZone")));
    }

    /** The time zones of those of the given employees who are in the chart: one round trip for a whole batch. */
    public java.util.Map<String, java.time.ZoneId> timeZones(java.util.Collection<String> employeeIds) {
        java.util.Map<String, java.time.ZoneId> zones = new java.util.HashMap<>();
        if (employeeIds.isEmpty()) {
            return zones;
        }
        employees.find(Filters.in("_id", employeeIds)).projection(new Document("timeZone", 1))
                .forEach(d -> zones.put(d.getString("_id"), java.time.ZoneId.of(d.getString("timeZone"))));
        return zones;
    }

    /** Everyone in the chart with what a deadline check needs. */
    public record Member(String employeeId, String role, String timeZone, java.time.LocalDate joinedOn, Instant leftAt) {
    }

    public List<Member> members() {
        List<Member> all = new ArrayList<>();
        employees.find().forEach(d -> all.add(member(d)));
        return all;
    }

    /** One member, read from the store (not the cache): a deadline must see who left. */
    public Optional<Member> member(String employeeId) {
        return Optional.ofNullable(employees.find(Filters.eq("_id", employeeId)).first()).map(OrgChart::member);
    }

    /**
     * Those whose entry this or another replica changed at or after {@code since} (its wall clock when it applied the
     * event): what a periodic job looks at instead of everyone. Entries written before this field existed are not
     * found: such a job starts with {@link #members()}.
     */
    public List<Member> membersChangedSince(Instant since) {
        List<Member> changed = new ArrayList<>();
        employees.find(Filters.gte("changedAt", java.util.Date.from(since))).forEach(d -> changed.add(member(d)));
        return changed;
    }

    private static Member member(Document d) {
        return new Member(d.getString("_id"), d.getString("role"), d.getString("timeZone"),
                d.getString("joinedOn") == null ? null : java.time.LocalDate.parse(d.getString("joinedOn")),
                d.getString("leftAt") == null ? null : Instant.parse(d.getString("leftAt")));
    }

    /** Whether the employee has left, and when. */
    public Optional<Instant> leftAt(String employeeId) {
        Document doc = document(employeeId);
        return Optional.ofNullable(doc).map(d -> d.getString("leftAt")).map(Instant::parse);
    }

    /** The employee's supervisor at an instant: the last line that started at or before it. */
    public Optional<String> supervisorOn(String employeeId, Instant at) {
        Document doc = document(employeeId);
        if (doc == null) {
            return Optional.empty();
        }
        String supervisor = null;
        for (Document line : doc.getList("lines", Document.class, List.of())) {
            if (!Instant.parse(line.getString("from")).isAfter(at)) {
                supervisor = line.getString("supervisorId");
            }
        }
        return Optional.ofNullable(supervisor);
    }

    /** The ids of those who report directly to an employee now. */
    public List<String> directReports(String employeeId) {
        List<String> ids = new ArrayList<>();
        employees.find(Filters.eq("supervisorId", employeeId)).forEach(d -> ids.add(d.getString("_id")));
        Collections.sort(ids);
        return ids;
    }

    /** Everyone below a supervisor now, direct and indirect, sorted; one query per level. */
    public List<String> lineBelow(String supervisorId) {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        List<String> level = List.of(supervisorId);
        while (!level.isEmpty()) {
            List<String> next = new ArrayList<>();
            employees.find(Filters.in("supervisorId", level)).forEach(d -> {
                String id = d.getString("_id");
                if (!id.equals(supervisorId) && seen.add(id)) { // a cycle in bad data ends the walk
                    next.add(id);
                }
            });
            level = next;
        }
        return new ArrayList<>(seen);
    }

    /** The supervisors above an employee now, nearest first; a cycle in bad data ends the walk instead of looping. */
    public List<String> chainAbove(String employeeId) {
        return walk(employeeId, id -> find(id).map(OrgEntry::supervisorId).orElse(null));
    }

    /** The supervisors above an employee as the chart stood at an instant. */
    public List<String> chainAbove(String employeeId, Instant at) {
        return walk(employeeId, id -> supervisorOn(id, at).orElse(null));
    }

    private static List<String> walk(String employeeId, java.util.function.UnaryOperator<String> supervisorOf) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = supervisorOf.apply(employeeId);
        while (current != null && seen.add(current)) {
            chain.add(current);
            current = supervisorOf.apply(current);
        }
        return chain;
    }

    /**
     * True when {@code supervisorId} stood above {@code employeeId} at any instant of [{@code from}, {@code until}):
     * the chain can only change when someone in it changes line, so it is walked at {@code from} and again at each
     * such change inside the interval.
     */
    public boolean wasAboveDuring(String supervisorId, String employeeId, Instant from, Instant until) {
        Instant at = from;
        while (at.isBefore(until)) {
            List<String> chain = chainAbove(employeeId, at);
            if (chain.contains(supervisorId)) {
                return true;
            }
            List<String> people = new ArrayList<>(chain);
            people.add(employeeId);
            Instant now = at;
            Instant next = until;
            for (Document doc : employees.find(Filters.in("_id", people))) {
                for (Document line : doc.getList("lines", Document.class, List.of())) {
                    Instant change = Instant.parse(line.getString("from"));
                    if (change.isAfter(now) && change.isBefore(next)) {
                        next = change;
                    }
                }
            }
            at = next;
        }
        return false;
    }

    /** True when {@code supervisorId} stands above {@code employeeId} in the reporting line now, directly or not. */
    public boolean isAbove(String supervisorId, String employeeId) {
        return chainAbove(employeeId).contains(supervisorId);
    }
}
