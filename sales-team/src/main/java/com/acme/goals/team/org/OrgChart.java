package com.acme.goals.team.org;

import com.acme.goals.contracts.DomainEvent;
import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
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
        employees.createIndex(com.mongodb.client.model.Indexes.ascending("ancestors")); // the line below, in one read
        keepChains();
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

    /** An org event with the sequence its aggregate gave it. */
    public record Change(DomainEvent event, long sequence) {
    }

    /**
     * A batch of org events, in their order. A run of registrations (an import, or HR's first feed) costs a few
     * round trips for the whole run instead of five for each: one read of the entries and supervisors it names, one
     * bulk write, one look for entries already below any of them, one read of the supervisors again. Moves and leavings
     * apply one at a time, in their place.
     */
    public void apply(List<Change> changes) {
        List<Change> run = new ArrayList<>();
        for (Change change : changes) {
            if (change.event() instanceof EmployeeRegistered) {
                run.add(change);
                continue;
            }
            register(run);
            run.clear();
            if (change.event() instanceof ReportingLineChanged changed) {
                apply(changed, change.sequence());
            } else if (change.event() instanceof EmployeeLeft left) {
                apply(left, change.sequence());
            }
        }
        register(run);
    }

    private void register(List<Change> hires) {
        if (hires.isEmpty()) {
            return;
        }
        if (hires.size() == 1) {
            apply((EmployeeRegistered) hires.get(0).event(), hires.get(0).sequence());
            return;
        }
        Set<String> named = new HashSet<>();
        hires.forEach(c -> {
            EmployeeRegistered hired = (EmployeeRegistered) c.event();
            named.add(hired.employeeId());
            if (hired.supervisorId() != null) {
                named.add(hired.supervisorId());
            }
        });
        java.util.Map<String, Document> known = new java.util.HashMap<>();
        employees.find(Filters.in("_id", named)).forEach(d -> known.put(d.getString("_id"), d));
        java.util.Map<String, Document> written = new java.util.LinkedHashMap<>();
        java.util.Map<String, Document> placed = new java.util.LinkedHashMap<>(); // written, or delivered again
        for (Change c : hires) {
            EmployeeRegistered hired = (EmployeeRegistered) c.event();
            Document existing = known.get(hired.employeeId());
            if (existing != null && existing.get("sequence", Number.class).longValue() >= c.sequence()) {
                placed.putIfAbsent(hired.employeeId(), existing); // placedAgain, for the run at once
                continue;
            }
            Document doc = entry(hired, chainUnder(hired.employeeId(), hired.supervisorId(), known.get(hired.supervisorId())),
                    c.sequence());
            known.put(hired.employeeId(), doc); // someone below them later in the run reads their chain from here
            written.put(hired.employeeId(), doc);
            placed.put(hired.employeeId(), doc);
        }
        if (!written.isEmpty()) {
            employees.bulkWrite(written.values().stream().map(doc -> new com.mongodb.client.model.ReplaceOneModel<>(
                    Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true))).toList());
            written.keySet().forEach(cache::remove);
        }
        placeBelow(placed);
        settleChains(written.values());
    }

    /**
     * {@link #placeBelow(String, List)} for a run just written (or delivered again: {@link #placedAgain}), with one read:
     * entries below any of them whose chain is already whole cost nothing more; the rest are completed one supervisor at
     * a time.
     */
    private void placeBelow(java.util.Map<String, Document> written) {
        if (written.isEmpty()) {
            return;
        }
        Set<String> stale = new java.util.LinkedHashSet<>();
        for (Document below : employees.find(Filters.in("ancestors", written.keySet()))) {
            List<String> old = below.getList("ancestors", String.class);
            for (int i = 0; i < old.size(); i++) {
                Document above = written.get(old.get(i));
                if (above == null) {
                    continue;
                }
                List<String> chain = new ArrayList<>(old.subList(0, i + 1));
                extend(chain, below.getString("_id"), above.getList("ancestors", String.class));
                if (!chain.equals(old)) {
                    stale.add(old.get(i));
                }
            }
        }
        stale.forEach(id -> placeBelow(id, written.get(id).getList("ancestors", String.class)));
    }

    /** {@link #settleChain} for a run just written: its supervisors read again, once, after the run's write. */
    private void settleChains(java.util.Collection<Document> written) {
        if (written.isEmpty()) {
            return;
        }
        Set<String> supervisors = new HashSet<>();
        written.forEach(d -> {
            if (d.getString("supervisorId") != null) {
                supervisors.add(d.getString("supervisorId"));
            }
        });
        java.util.Map<String, Document> now = new java.util.HashMap<>();
        employees.find(Filters.in("_id", supervisors)).forEach(d -> now.put(d.getString("_id"), d));
        for (Document doc : written) {
            String id = doc.getString("_id");
            String supervisorId = doc.getString("supervisorId");
            if (supervisorId == null) {
                continue;
            }
            List<String> chain = chainUnder(id, supervisorId, now.get(supervisorId));
            if (!chain.equals(doc.getList("ancestors", String.class))) {
                employees.updateOne(Filters.eq("_id", id), Updates.set("ancestors", chain));
                cache.remove(id);
                placeBelow(id, chain);
            }
        }
    }

    public void apply(EmployeeRegistered event, long sequence) {
        List<String> ancestors = ancestorsUnder(event.employeeId(), event.supervisorId());
        Document doc = entry(event, ancestors, sequence);
        Document existing = employees.find(Filters.eq("_id", event.employeeId())).first();
        if (existing == null || existing.get("sequence", Number.class).longValue() < sequence) {
            employees.replaceOne(Filters.eq("_id", event.employeeId()), doc, new ReplaceOptions().upsert(true));
            cache.remove(event.employeeId());
            placeBelow(event.employeeId(), ancestors);
            settleChain(event.employeeId(), event.supervisorId(), ancestors);
        } else {
            placedAgain(existing);
        }
    }

    /**
     * Another replica (the supervisor's event on another partition) may have written the supervisor's entry, or
     * changed its chain, between this one's read of it and its own write, and looked for the line below before this
     * entry was there. Reading the supervisor again after writing closes that gap: whichever of the two writes came
     * second sees the other's.
     */
    private void settleChain(String employeeId, String supervisorId, List<String> written) {
        if (supervisorId == null) {
            return;
        }
        List<String> now = ancestorsUnder(employeeId, supervisorId);
        if (!now.equals(written)) {
            employees.updateOne(Filters.eq("_id", employeeId), Updates.set("ancestors", now));
            cache.remove(employeeId);
            placeBelow(employeeId, now);
        }
    }

    /**
     * An event already applied, delivered again (after a crash, the feed's batch comes again): the entry is as it
     * was, but the crash may have come between writing it and completing the chains below, so those are completed
     * now. A line that is whole already costs the one read.
     */
    private void placedAgain(Document existing) {
        placeBelow(existing.getString("_id"), existing.getList("ancestors", String.class, List.of()));
    }

    public void apply(ReportingLineChanged event, long sequence) {
        List<String> ancestors = ancestorsUnder(event.employeeId(), event.supervisorId());
        boolean applied = update(event.employeeId(), sequence, doc -> {
            List<Document> lines = new ArrayList<>(doc.getList("lines", Document.class, List.of()));
            lines.add(line(event.supervisorId(), event.changedAt()));
            doc.put("lines", lines);
            doc.put("supervisorId", event.supervisorId());
            doc.put("ancestors", ancestors);
        });
        if (applied) {
            placeBelow(event.employeeId(), ancestors);
            settleChain(event.employeeId(), event.supervisorId(), ancestors);
        } else {
            Document existing = employees.find(Filters.eq("_id", event.employeeId())).first();
            if (existing != null) {
                placedAgain(existing);
            }
        }
    }

    public void apply(EmployeeLeft event, long sequence) {
        update(event.employeeId(), sequence, doc -> doc.put("leftAt", event.leftAt().toString()));
    }

    private boolean update(String employeeId, long sequence, Consumer<Document> change) {
        Document doc = employees.find(Filters.eq("_id", employeeId)).first();
        if (doc == null || doc.get("sequence", Number.class).longValue() >= sequence) {
            return false; // unknown yet (its registration comes first on the same partition) or already applied
        }
        change.accept(doc);
        doc.put("sequence", sequence);
        doc.put("changedAt", new java.util.Date());
        employees.replaceOne(Filters.eq("_id", employeeId), doc);
        cache.remove(employeeId);
        return true;
    }

    /**
     * The supervisors above someone placed under {@code supervisorId}, nearest first, as far as this chart knows them:
     * the supervisor, then the supervisor's own. A supervisor not in the chart yet (their registration on another
     * partition, later) ends the list; {@link #placeBelow} completes it when they arrive. A cycle in bad data ends it too.
     */
    private List<String> ancestorsUnder(String employeeId, String supervisorId) {
        return chainUnder(employeeId, supervisorId,
                supervisorId == null ? null : employees.find(Filters.eq("_id", supervisorId)).first());
    }

    /** {@link #ancestorsUnder} with the supervisor's entry already read (null: not in the chart). */
    private static List<String> chainUnder(String employeeId, String supervisorId, Document supervisor) {
        List<String> chain = new ArrayList<>();
        if (supervisorId == null) {
            return chain;
        }
        chain.add(supervisorId);
        if (supervisor != null) {
            extend(chain, employeeId, supervisor.getList("ancestors", String.class, List.of()));
        }
        return chain;
    }

    private static Document entry(EmployeeRegistered event, List<String> ancestors, long sequence) {
        return new Document("_id", event.employeeId())
                .append("role", event.role())
                .append("supervisorId", event.supervisorId())
                .append("ancestors", ancestors)
                .append("timeZone", event.timeZone())
                .append("lines", new ArrayList<>(List.of(line(event.supervisorId(), event.registeredAt()))))
                .append("joinedOn", (event.joinedOn() != null ? event.joinedOn()
                        : event.registeredAt().atZone(java.time.ZoneId.of(event.timeZone())).toLocalDate()).toString())
                .append("sequence", sequence)
                .append("changedAt", new java.util.Date());
    }

    private static void extend(List<String> chain, String owner, List<String> above) {
        for (String id : above) {
            if (id.equals(owner) || chain.contains(id)) {
                return;
            }
            chain.add(id);
        }
    }

    /**
     * Everyone below {@code employeeId} keeps their chain up to them, and theirs above it from now on. Read again until
     * a pass changes nothing: an entry another replica wrote meanwhile, from a chain read before this pass updated it,
     * is found by the next pass (and one written after the last pass reads the updated chain: {@link #settleChain}).
     */
    private void placeBelow(String employeeId, List<String> ancestors) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Document below : employees.find(Filters.eq("ancestors", employeeId))) {
                List<String> old = below.getList("ancestors", String.class);
                List<String> chain = new ArrayList<>(old.subList(0, old.indexOf(employeeId) + 1));
                extend(chain, below.getString("_id"), ancestors);
                if (!chain.equals(old)) {
                    employees.updateOne(Filters.eq("_id", below.getString("_id")), Updates.set("ancestors", chain));
                    cache.remove(below.getString("_id"));
                    changed = true;
                }
            }
        }
    }

    /**
     * Entries written before the chains were kept get theirs, from the supervisors recorded in the chart, in one pass
     * over it (once: an entry written since has its chain).
     */
    private void keepChains() {
        if (employees.find(Filters.exists("ancestors", false)).first() == null) {
            return;
        }
        java.util.Map<String, String> supervisorOf = new java.util.HashMap<>();
        employees.find().projection(new Document("supervisorId", 1))
                .forEach(d -> supervisorOf.put(d.getString("_id"), d.getString("supervisorId")));
        supervisorOf.keySet().forEach(id -> employees.updateOne(Filters.eq("_id", id), Updates.set("ancestors",
                walk(id, supervisorOf::get))));
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

    /** Everyone below a supervisor now, direct and indirect, leavers included, with what a deadline check needs: one read. */
    public List<Member> membersBelow(String supervisorId) {
        List<Member> line = new ArrayList<>();
        employees.find(Filters.eq("ancestors", supervisorId)).forEach(d -> {
            if (!d.getString("_id").equals(supervisorId)) {
                line.add(member(d));
            }
        });
        return line;
    }

    /** One member, read from the store (not the cache): a deadline must see who left. */
    public Optional<Member> member(String employeeId) {
        return Optional.ofNullable(employees.find(Filters.eq("_id", employeeId)).first()).map(OrgChart::member);
    }

    /**
     * Those whose entry this or another replica changed at or after {@code since} (its wall clock when it applied the
     * event), each with the sequence of the last event applied to it: a periodic job looks at these instead of
     * everyone, and one that saw an entry at that sequence has seen it as it is (what a line move rewrites below, the
     * chain, is not counted). Two small fields each, as a job may look often while a whole company was just hired.
     * Entries written before {@code changedAt} existed are not found: such a job starts with {@link #members()}.
     */
    public java.util.Map<String, Long> versionsChangedSince(Instant since) {
        java.util.Map<String, Long> changed = new java.util.HashMap<>();
        employees.find(Filters.gte("changedAt", java.util.Date.from(since))).projection(new Document("sequence", 1))
                .forEach(d -> changed.put(d.getString("_id"), d.get("sequence") instanceof Number n ? n.longValue() : -1L));
        return changed;
    }

    /** The entries of the given employees (those in the chart), from one read. */
    public List<Member> members(java.util.Collection<String> employeeIds) {
        List<Member> found = new ArrayList<>();
        if (!employeeIds.isEmpty()) {
            employees.find(Filters.in("_id", employeeIds)).forEach(d -> found.add(member(d)));
        }
        return found;
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

    /** Someone in a line below: who they report to now, and when they left (null: still here). */
    public record Placed(String employeeId, String supervisorId, Instant leftAt) {
    }

    /**
     * Everyone below a supervisor now, direct and indirect, leavers included: one read of the chains each entry keeps
     * (the supervisors above it, nearest first), however deep and wide the line.
     */
    public List<Placed> below(String supervisorId) {
        List<Placed> line = new ArrayList<>();
        employees.find(Filters.eq("ancestors", supervisorId)).projection(new Document("supervisorId", 1).append("leftAt", 1))
                .forEach(d -> {
                    if (!d.getString("_id").equals(supervisorId)) {
                        line.add(new Placed(d.getString("_id"), d.getString("supervisorId"),
                                d.getString("leftAt") == null ? null : Instant.parse(d.getString("leftAt"))));
                    }
                });
        line.sort(java.util.Comparator.comparing(Placed::employeeId));
        return line;
    }

    /** The ids of everyone below a supervisor now, direct and indirect, sorted. */
    public List<String> lineBelow(String supervisorId) {
        return below(supervisorId).stream().map(Placed::employeeId).toList();
    }

    /** The supervisors above an employee now, nearest first: the chain their entry keeps. */
    public List<String> chainAbove(String employeeId) {
        Document doc = document(employeeId);
        return doc == null ? List.of() : List.copyOf(doc.getList("ancestors", String.class, List.of()));
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
