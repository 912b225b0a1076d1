package com.acme.goals.goal.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.crm.CustomerLinked;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The customers crm-link linked to each goal, kept apart from {@code goal_views} because they arrive from Kafka, not
 * from this service's event store: replaying the goal views must not lose them. One document per link id.
 */
@Component
public class GoalCustomers {

    private final MongoCollection<Document> links;

    public GoalCustomers(MongoDatabase database) {
        this.links = database.getCollection("goal_customers");
        links.createIndex(Indexes.ascending("goalId"));
    }

    public void apply(CustomerLinked e) {
        links.replaceOne(Filters.eq("_id", e.linkId()), new Document("_id", e.linkId()).append("goalId", e.goalId())
                .append("customerId", e.customerId()).append("actionId", e.actionId()).append("linkedBy", e.linkedBy())
                .append("linkedAt", e.linkedAt().toString()), new ReplaceOptions().upsert(true));
    }

    public List<GoalView.CustomerLink> ofGoal(String goalId) {
        List<GoalView.CustomerLink> found = new ArrayList<>();
        links.find(Filters.eq("goalId", goalId)).sort(Sorts.ascending("linkedAt", "_id")).forEach(d -> found.add(
                new GoalView.CustomerLink(d.getString("_id"), d.getString("customerId"), d.getString("actionId"),
                        d.getString("linkedBy"), Instant.parse(d.getString("linkedAt")))));
        return found;
    }
}
