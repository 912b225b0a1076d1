package com.acme.goals.scoring.query;

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
import java.util.Optional;

/** Each goal's owner, period and numeric targets, as scoring needs them; one document per goal. */
public class GoalTargets {

    public record Goal(String goalId, String ownerId, String periodType, String periodKey, String parentGoalId,
                       String title, List<NumericTarget> targets) {
    }

    private final MongoCollection<Document> goals;

    public GoalTargets(MongoDatabase database) {
        this.goals = database.getCollection("goal_targets");
        goals.createIndex(com.mongodb.client.model.Indexes.ascending("ownerId", "periodKey"));
    }

    private static List<Document> targets(List<NumericTarget> targets) {
        return targets.stream()
                .map(t -> new Document("metric", t.metric()).append("target", t.target().toPlainString()).append("unit", t.unit()))
                .toList();
    }

    /** A revision replaces the targets once: an older or repeated event (by aggregate sequence) changes nothing. */
    public void apply(GoalRevised event, long sequence) {
        Document doc = goals.find(Filters.eq("_id", event.goalId())).first();
        if (doc == null || doc.get("sequence", Number.class).longValue() >= sequence) {
            return;
        }
        doc.put("targets", targets(event.numericTargets()));
        doc.put("sequence", sequence);
        goals.replaceOne(Filters.eq("_id", event.goalId()), doc);
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
        planned.forEach(a -> actions.append(a.actionId(), new Document("completed", false).append("removed", false)));
        return actions;
    }

    /** Setting a flag by action id is idempotent and needs no read. */
    public void apply(com.acme.goals.contracts.goal.ActionPlanned event) {
        goals.updateOne(Filters.and(Filters.eq("_id", event.goalId()), Filters.exists("actions." + event.action().actionId(), false)),
                com.mongodb.client.model.Updates.set("actions." + event.action().actionId(),
                        new Document("completed", false).append("removed", false)));
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

    /** An owner's goals of one period. */
    public List<Goal> ofOwner(String ownerId, String periodKey) {
        List<Goal> found = new java.util.ArrayList<>();
        goals.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("periodKey", periodKey)))
                .forEach(d -> found.add(goal(d)));
        return found;
    }

    public Optional<Goal> find(String goalId) {
        return Optional.ofNullable(goals.find(Filters.eq("_id", goalId)).first()).map(GoalTargets::goal);
    }

    private static Goal goal(Document d) {
        List<NumericTarget> targets = d.getList("targets", Document.class).stream()
                .map(t -> new NumericTarget(t.getString("metric"), new BigDecimal(t.getString("target")), t.getString("unit")))
                .toList();
        return new Goal(d.getString("_id"), d.getString("ownerId"), d.getString("periodType"),
                d.getString("periodKey"), d.getString("parentGoalId"), d.getString("title"), targets);
    }
}
