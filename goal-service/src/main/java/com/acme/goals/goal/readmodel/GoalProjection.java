package com.acme.goals.goal.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.goal.ActionCompleted;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.GoalClosed;
import com.acme.goals.contracts.goal.GoalRevised;
import com.acme.goals.contracts.goal.GoalSet;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The goal as goal-service's own screens show it: one document per goal with its version (the aggregate's
 * sequence number), status, actions and ancestors, so a whole subtree is one query. Each handler writes only
 * when the event is newer than the stored version, so a replay or a re-delivery changes nothing.
 * <p>
 * The projection runs in several segments (split by aggregate), so a child's {@code GoalSet} may be handled before,
 * or at the same moment as, its parent's. A child whose parent is missing or itself incomplete is written with the
 * ancestors it knows and listed in {@code goal_incomplete}; whenever a goal becomes complete, the incomplete goals
 * below it are completed from its ancestors. Both sides write first and look second, so of two goals handled at once
 * at least one sees the other. Every other change is a {@code $set} that leaves {@code ancestors} alone.
 */
@Component
@ProcessingGroup("goal-views")
public class GoalProjection {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final MongoCollection<Document> goals;
    private final MongoCollection<Document> actions;
    private final MongoCollection<Document> incomplete;
    private final ObjectMapper objectMapper;

    public GoalProjection(MongoDatabase database, ObjectMapper objectMapper) {
        this.goals = database.getCollection("goal_views");
        this.actions = database.getCollection("action_index");
        this.incomplete = database.getCollection("goal_incomplete");
        this.objectMapper = objectMapper;
        // used by real MongoDB; mongo-java-server ignores non-unique indexes (stack-notes.md trap 1)
        goals.createIndex(Indexes.ascending("ancestors"));
        goals.createIndex(Indexes.ascending("ownerId", "periodKey"));
    }

    @EventHandler
    void on(GoalSet event, @SequenceNumber long version) {
        if (goals.find(Filters.eq("_id", event.goalId())).first() != null) {
            return; // already applied
        }
        List<String> ancestors = new ArrayList<>();
        boolean complete = true;
        if (event.parentGoalId() != null) {
            Document parent = goals.find(Filters.eq("_id", event.parentGoalId())).first();
            if (parent != null) {
                ancestors.addAll(parent.getList("ancestors", String.class, List.of()));
            }
            complete = isComplete(parent);
            ancestors.add(event.parentGoalId());
        }
        Document doc = new Document(objectMapper.convertValue(event, MAP));
        doc.put("_id", event.goalId());
        doc.put("version", version);
        doc.put("status", "OPEN");
        doc.put("ancestors", ancestors);
        doc.put("complete", complete);
        doc.put("revisions", 0);
        doc.put("actions", new ArrayList<>(event.actions().stream()
                .map(a -> new Document(objectMapper.convertValue(a, MAP)).append("completed", false)).toList()));
        if (!complete) {
            incomplete.replaceOne(Filters.eq("_id", event.goalId()), new Document("_id", event.goalId()).append("ancestors", ancestors),
                    new ReplaceOptions().upsert(true));
        }
        goals.replaceOne(Filters.eq("_id", event.goalId()), doc, new ReplaceOptions().upsert(true));
        event.actions().forEach(a -> indexAction(a.actionId(), event.goalId(), event.ownerId()));
        if (complete) {
            completeBelow(event.goalId(), ancestors);
        } else {
            // the parent may have become complete while this goal was written: look again
            Document parent = goals.find(Filters.eq("_id", event.parentGoalId())).first();
            if (isComplete(parent)) {
                complete(event.goalId(), ancestors, event.parentGoalId(), parent.getList("ancestors", String.class, List.of()));
            }
        }
    }

    /** A goal written before this projection ran in segments has no flag: it was written in order, so it is complete. */
    private static boolean isComplete(Document goal) {
        return goal != null && goal.getBoolean("complete", true);
    }

    /** Completes every incomplete goal that lists {@code goalId} among its ancestors, now that it is complete. */
    private void completeBelow(String goalId, List<String> ancestorsOfGoal) {
        List<Document> waiting = new ArrayList<>();
        incomplete.find(Filters.eq("ancestors", goalId)).forEach(waiting::add);
        for (Document below : waiting) {
            complete(below.getString("_id"), below.getList("ancestors", String.class, List.of()), goalId, ancestorsOfGoal);
        }
    }

    /** The goal's ancestors are those of the complete ancestor {@code via}, then via, then what the goal knew below it. */
    private void complete(String goalId, List<String> known, String via, List<String> ancestorsOfVia) {
        List<String> ancestors = new ArrayList<>(ancestorsOfVia);
        ancestors.addAll(known.subList(known.indexOf(via), known.size()));
        boolean changed = goals.updateOne(Filters.and(Filters.eq("_id", goalId), Filters.eq("complete", false)),
                new Document("$set", new Document("ancestors", ancestors).append("complete", true))).getModifiedCount() > 0;
        if (changed) {
            incomplete.deleteOne(Filters.eq("_id", goalId));
            completeBelow(goalId, ancestors);
        } else if (isComplete(goals.find(Filters.eq("_id", goalId)).first())) {
            incomplete.deleteOne(Filters.eq("_id", goalId));
        } // else its GoalSet is still being written: the entry stays for the next ancestor that completes, or the goal's own look
    }

    private void indexAction(String actionId, String goalId, String ownerId) {
        actions.replaceOne(Filters.eq("_id", actionId), new Document("_id", actionId).append("goalId", goalId).append("ownerId", ownerId),
                new ReplaceOptions().upsert(true));
    }

    /** The goal and owner of a planned action, for activity that reports it done. */
    public Optional<Document> action(String actionId) {
        return Optional.ofNullable(actions.find(Filters.eq("_id", actionId)).first());
    }

    @EventHandler
    void on(GoalRevised event, @SequenceNumber long version) {
        update(event.goalId(), version, doc -> {
            doc.put("numericTargets", objectMapper.convertValue(event.numericTargets(), List.class));
            doc.put("revisions", doc.getInteger("revisions", 0) + 1);
            return doc;
        });
    }

    @EventHandler
    void on(ActionPlanned event, @SequenceNumber long version) {
        indexAction(event.action().actionId(), event.goalId(), event.ownerId());
        update(event.goalId(), version, doc -> {
            List<Document> actions = new ArrayList<>(doc.getList("actions", Document.class, List.of()));
            actions.add(new Document(objectMapper.convertValue(event.action(), MAP)).append("completed", false));
            doc.put("actions", actions);
            return doc;
        });
    }

    @EventHandler
    void on(ActionCompleted event, @SequenceNumber long version) {
        update(event.goalId(), version, doc -> {
            for (Document action : doc.getList("actions", Document.class, List.of())) {
                if (event.actionId().equals(action.getString("actionId"))) {
                    action.put("completed", true);
                    action.put("completedAt", event.completedAt().toString());
                    action.put("note", event.note());
                }
            }
            return doc;
        });
    }

    @EventHandler
    void on(com.acme.goals.contracts.goal.ActionRemoved event, @SequenceNumber long version) {
        update(event.goalId(), version, doc -> {
            List<Document> actions = new ArrayList<>(doc.getList("actions", Document.class, List.of()));
            actions.removeIf(a -> event.actionId().equals(a.getString("actionId")));
            doc.put("actions", actions);
            return doc;
        });
    }

    @EventHandler
    void on(GoalClosed event, @SequenceNumber long version) {
        update(event.goalId(), version, doc -> {
            doc.put("status", "CLOSED");
            doc.put("outcome", event.outcome());
            return doc;
        });
    }

    /** Other events of a goal (GoalDecomposed) still move its version. */
    @EventHandler
    void on(com.acme.goals.contracts.goal.GoalDecomposed event, @SequenceNumber long version) {
        update(event.parentGoalId(), version, doc -> doc);
    }

    /** Sets what the change made, never the ancestors (another segment may be completing them at the same time). */
    private void update(String goalId, long version, UnaryOperator<Document> change) {
        Document doc = goals.find(Filters.eq("_id", goalId)).first();
        if (doc == null || doc.get("version", Number.class).longValue() >= version) {
            return; // already applied
        }
        Document changed = change.apply(doc);
        changed.put("version", version);
        changed.remove("_id");
        changed.remove("ancestors");
        changed.remove("complete");
        goals.updateOne(Filters.and(Filters.eq("_id", goalId), Filters.lt("version", version)), new Document("$set", changed));
    }

    @ResetHandler
    void reset() {
        incomplete.deleteMany(new Document());
        actions.deleteMany(new Document());
        goals.deleteMany(new Document());
    }

    public Optional<GoalView> find(String goalId) {
        return Optional.ofNullable(goals.find(Filters.eq("_id", goalId)).first()).map(this::view);
    }

    /** The goal and every descendant, in one query on the ancestors list. */
    public List<GoalView> subtree(String goalId) {
        List<GoalView> found = new ArrayList<>();
        goals.find(Filters.or(Filters.eq("_id", goalId), Filters.eq("ancestors", goalId))).forEach(d -> found.add(view(d)));
        return found;
    }

    public record Page(List<GoalView> items, int page, int size, long total) {
    }

    public Page list(String ownerId, String periodKey, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("ownerId", ownerId));
        if (periodKey != null && !periodKey.isBlank()) {
            filters.add(Filters.eq("periodKey", periodKey));
        }
        Bson filter = Filters.and(filters);
        List<GoalView> items = new ArrayList<>();
        goals.find(filter).sort(Sorts.ascending("periodKey", "_id")).skip(page * size).limit(size)
                .forEach(d -> items.add(view(d)));
        return new Page(items, page, size, goals.countDocuments(filter));
    }

    private GoalView view(Document doc) {
        doc.remove("_id");
        doc.remove("complete");
        return objectMapper.convertValue(doc, GoalView.class);
    }
}
