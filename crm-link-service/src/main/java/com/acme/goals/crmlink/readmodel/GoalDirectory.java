package com.acme.goals.crmlink.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.contracts.goal.GoalClosed;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.crmlink.domain.KnownGoal;
import com.acme.goals.crmlink.domain.KnownGoals;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.List;
import java.util.Optional;

/**
 * What crm-link needs to know of goals to link customers to them: owner, period, planned actions, open or closed.
 * Projected from {@code goal.events}; every write sets a value or adds to a set, so a re-delivery changes nothing.
 */
@Component
public class GoalDirectory implements KnownGoals {

    private final MongoCollection<Document> goals;

    public GoalDirectory(MongoDatabase database) {
        this.goals = database.getCollection("goal_directory");
    }

    public void apply(GoalSet e) {
        goals.updateOne(Filters.eq("_id", e.goalId()), Updates.combine(
                Updates.set("ownerId", e.ownerId()), Updates.set("periodType", e.periodType()),
                Updates.set("periodKey", e.periodKey()),
                Updates.addEachToSet("actionIds", e.actions().stream().map(PlannedAction::actionId).toList())),
                new UpdateOptions().upsert(true));
    }

    public void apply(ActionPlanned e) {
        goals.updateOne(Filters.eq("_id", e.goalId()), Updates.addToSet("actionIds", e.action().actionId()),
                new UpdateOptions().upsert(true));
    }

    public void apply(ActionRemoved e) {
        goals.updateOne(Filters.eq("_id", e.goalId()), Updates.pull("actionIds", e.actionId()));
    }

    public void apply(GoalClosed e) {
        goals.updateOne(Filters.eq("_id", e.goalId()), Updates.set("closed", true), new UpdateOptions().upsert(true));
    }

    @Override
    public Optional<KnownGoal> find(String goalId) {
        Document doc = goals.find(Filters.eq("_id", goalId)).first();
        if (doc == null || doc.getString("ownerId") == null) {
            return Optional.empty();
        }
        return Optional.of(new KnownGoal(goalId, doc.getString("ownerId"), doc.getString("periodType"),
                doc.getString("periodKey"), doc.getList("actionIds", String.class, List.of()),
                Boolean.TRUE.equals(doc.getBoolean("closed"))));
    }
}
