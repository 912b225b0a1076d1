package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.goal.GoalRevised;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each goal's owner, period and numeric targets, as scoring needs them; one document per goal. */
@Component
public class GoalTargets {

    public record Goal(String goalId, String ownerId, String periodType, String periodKey, String parentGoalId,
                       String title, List<NumericTarget> targets) {
    }

    private final MongoCollection<Document> goals;

    public GoalTargets(MongoDatabase database) {
        this.goals = database.getCollection("goal_targets");
        goals.createIndex(com.mongodb.client.model.Indexes.ascending("ownerId", "periodKey"));
        goals.createIndex(com.mongodb.client.model.Indexes.ascending("parentGoalId"));
    }

    private static List<Document> targets(List<NumericTarget> targets) {
        return targets.stream()
                .map(t -> new Document("metric", t.metric()).append("target", t.target().toPlainString()).append("unit", t.unit())
                        .append("stretch", plain(t.stretch())).append("challenge", plain(t.challenge())))
                .toList();
    }

    private static String plain(BigDecimal level) {
        return level == null ? null : level.toPlainString();
    }

    private static BigDecimal decimal(String level) {
        return level == null ? null : new BigDecimal(level);
    }

    /** A revision replaces the targets once: an older or repeated event (by aggregate sequence) changes nothing. */
    /**
     * Replaces the targets unless a revision of this or a later sequence is already in; a revision without a sequence
     * is applied as it comes and leaves the recorded sequence as it was.
     *
     * @return false when the goal is not known yet (its GoalSet has not been projected)
     */
    public boolean apply(GoalRevised event, Long sequence) {
        Document doc = goals.find(Filters.eq("_id", event.goalId())).first();
        if (doc == null) {
            return false;
        }
        if (sequence != null && doc.get("sequence", Number.class).longValue() >= sequence) {
            return true;
        }
        doc.put("targets", targets(event.numericTargets()));
        if (sequence != null) {
            doc.put("sequence", sequence);
        }
        goals.replaceOne(Filters.eq("_id", event.goalId()), doc);
        return true;
    }

    /** Idempotent: the same event applied twice leaves the same document; it never overwrites a later revision. */
    public void apply(GoalSet event) {
        if (goals.find(Filters.eq("_id", event.goalId())).first() != null) {
            return;
        }
        Document doc = new Document("_id", event.goalId())
                .append("sequence", 0L)
                .append("ownerId", event.ownerId())
                .append("periodType", event.periodType())
                .append("periodKey", event.periodKey())
                .append("parentGoalId", event.parentGoalId())
                .append("title", event.title())
                .append("targets", targets(event.numericTargets()))
                .append("actions", actions(event.actions()));
        goals.replaceOne(Filters.eq("_id", event.goalId()), doc, new ReplaceOptions().upsert(true));
    }

    private static Document actions(List<com.acme.goals.contracts.goal.PlannedAction> planned) {
        Document actions = new Document();
        planned.forEach(a -> actions.append(a.actionId(), action(a)));
        return actions;
    }

    private static Document action(com.acme.goals.contracts.goal.PlannedAction a) {
        return new Document("title", a.title()).append("kind", a.kind())
                .append("plannedOn", a.plannedOn() == null ? null : a.plannedOn().toString()).append("customerId", a.customerId())
                .append("completed", false).append("removed", false);
    }

    /** An action as the weekly board shows it. */
    public record ActionState(String actionId, String title, String kind, String plannedOn, String customerId,
                              boolean completed, boolean removed) {
    }

    /** A goal with its actions, for the weekly board. */
    public record Planned(Goal goal, List<ActionState> actions) {
    }

    /** An owner's goals of the given periods with their actions, ordered by period. */
    public List<Planned> planned(String ownerId, java.util.Collection<String> periodKeys) {
        List<Planned> found = new java.util.ArrayList<>();
        goals.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.in("periodKey", periodKeys)))
                .sort(com.mongodb.client.model.Sorts.ascending("periodKey", "_id")).forEach(d -> found.add(planned(d)));
        return found;
    }

    private static Planned planned(Document d) {
        List<ActionState> actions = new java.util.ArrayList<>();
        Document stored = d.get("actions", Document.class);
        if (stored != null) {
            stored.forEach((id, value) -> {
                Document a = (Document) value;
                actions.add(new ActionState(id, a.getString("title"), a.getString("kind"), a.getString("plannedOn"),
                        a.getString("customerId"), Boolean.TRUE.equals(a.getBoolean("completed")),
                        Boolean.TRUE.equals(a.getBoolean("removed"))));
            });
        }
        return new Planned(goal(d), actions);
    }

    /** Setting a flag by action id is idempotent and needs no read. */
    public void apply(com.acme.goals.contracts.goal.ActionPlanned event) {
        goals.updateOne(Filters.and(Filters.eq("_id", event.goalId()), Filters.exists("actions." + event.action().actionId(), false)),
                com.mongodb.client.model.Updates.set("actions." + event.action().actionId(), action(event.action())));
    }

    public void apply(com.acme.goals.contracts.goal.ActionCompleted event) {
        goals.updateOne(Filters.eq("_id", event.goalId()), com.mongodb.client.model.Updates.set("actions." + event.actionId() + ".completed", true));
    }

    public void apply(com.acme.goals.contracts.goal.ActionRemoved event) {
        goals.updateOne(Filters.eq("_id", event.goalId()), com.mongodb.client.model.Updates.set("actions." + event.actionId() + ".removed", true));
    }

    /** Planned (not removed) and completed actions over an owner's goals of the given periods. */
    public record ActionCount(int planned, int completed) {
    }

    public ActionCount actions(String ownerId, java.util.Collection<String> periodKeys) {
        int planned = 0;
        int completed = 0;
        for (Document goal : goals.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.in("periodKey", periodKeys)))) {
            Document actions = goal.get("actions", Document.class);
            if (actions == null) {
                continue;
            }
            for (Object value : actions.values()) {
                Document action = (Document) value;
                if (Boolean.TRUE.equals(action.getBoolean("removed"))) {
                    continue;
                }
                planned++;
                completed += Boolean.TRUE.equals(action.getBoolean("completed")) ? 1 : 0;
            }
        }
        return new ActionCount(planned, completed);
    }

    /** The goal's descendants, breadth first (one query per level). */
    public List<Planned> descendants(String goalId) {
        List<Planned> found = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(goalId));
        List<String> level = List.of(goalId);
        while (!level.isEmpty()) {
            List<String> next = new java.util.ArrayList<>();
            goals.find(Filters.in("parentGoalId", level)).forEach(d -> {
                if (seen.add(d.getString("_id"))) {
                    next.add(d.getString("_id"));
                    found.add(planned(d));
                }
            });
            level = next;
        }
        return found;
    }

    /** One goal with its actions. */
    public Optional<Planned> plannedGoal(String goalId) {
        return Optional.ofNullable(goals.find(Filters.eq("_id", goalId)).first()).map(GoalTargets::planned);
    }

    /** An owner's goals of one period. */
    public List<Goal> ofOwner(String ownerId, String periodKey) {
        return ofOwners(List.of(ownerId), periodKey).get(ownerId);
    }

    /**
     * The goals of an owner in any of several periods, in one query: the milestone check asks for every period a burst
     * touched (a backfill over a year: some 400 of an owner's days, weeks and months), and one query a period was a
     * quarter of scoring's CPU through {@code bench projection} (issue 18).
     */
    public List<Goal> ofOwner(String ownerId, java.util.Collection<String> periodKeys) {
        List<Goal> found = new java.util.ArrayList<>();
        goals.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.in("periodKey", periodKeys))).forEach(d -> found.add(goal(d)));
        return found;
    }

    /** The goals of each of several owners in a period, in one query. */
    public Map<String, List<Goal>> ofOwners(java.util.Collection<String> ownerIds, String periodKey) {
        Map<String, List<Goal>> found = new java.util.HashMap<>();
        ownerIds.forEach(id -> found.put(id, new java.util.ArrayList<>()));
        goals.find(Filters.and(Filters.in("ownerId", ownerIds), Filters.eq("periodKey", periodKey)))
                .forEach(d -> found.get(d.getString("ownerId")).add(goal(d)));
        return found;
    }

    public Optional<Goal> find(String goalId) {
        return Optional.ofNullable(goals.find(Filters.eq("_id", goalId)).first()).map(GoalTargets::goal);
    }

    private static Goal goal(Document d) {
        List<NumericTarget> targets = d.getList("targets", Document.class).stream()
                .map(t -> new NumericTarget(t.getString("metric"), new BigDecimal(t.getString("target")), t.getString("unit"),
                        decimal(t.getString("stretch")), decimal(t.getString("challenge"))))
                .toList();
        return new Goal(d.getString("_id"), d.getString("ownerId"), d.getString("periodType"),
                d.getString("periodKey"), d.getString("parentGoalId"), d.getString("title"), targets);
    }
}
