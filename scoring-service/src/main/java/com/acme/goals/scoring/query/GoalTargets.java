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
                .append("targets", targets(event.numericTargets()));
        goals.replaceOne(Filters.eq("_id", event.goalId()), doc, new ReplaceOptions().upsert(true));
    }

    public Optional<Goal> find(String goalId) {
        Document d = goals.find(Filters.eq("_id", goalId)).first();
        if (d == null) {
            return Optional.empty();
        }
        List<NumericTarget> targets = d.getList("targets", Document.class).stream()
                .map(t -> new NumericTarget(t.getString("metric"), new BigDecimal(t.getString("target")), t.getString("unit")))
                .toList();
        return Optional.of(new Goal(d.getString("_id"), d.getString("ownerId"), d.getString("periodType"),
                d.getString("periodKey"), d.getString("parentGoalId"), d.getString("title"), targets));
    }
}
