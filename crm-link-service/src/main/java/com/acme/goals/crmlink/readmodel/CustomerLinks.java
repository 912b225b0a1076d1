package com.acme.goals.crmlink.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.crm.CustomerLinked;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/** The customers linked to each goal, one document per link keyed by its id: replaying writes the same documents. */
@Component
@ProcessingGroup("customer-links")
public class CustomerLinks {

    private final MongoCollection<Document> links;

    public CustomerLinks(MongoDatabase database) {
        this.links = database.getCollection("customer_links");
        links.createIndex(Indexes.ascending("goalId", "linkedAt"));
    }

    @EventHandler
    void on(CustomerLinked e) {
        links.replaceOne(Filters.eq("_id", e.linkId()), new Document("_id", e.linkId()).append("goalId", e.goalId())
                .append("actionId", e.actionId()).append("customerId", e.customerId()).append("ownerId", e.ownerId())
                .append("periodType", e.periodType()).append("periodKey", e.periodKey())
                .append("linkedBy", e.linkedBy()).append("linkedAt", e.linkedAt().toString()), new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        links.deleteMany(new Document());
    }

    /** One customer linked to a goal (or one of its actions). */
    public record Link(String linkId, String customerId, String actionId, String linkedBy, String linkedAt) {
    }

    /** A goal's links, first linked first. */
    public List<Link> ofGoal(String goalId) {
        List<Link> found = new ArrayList<>();
        links.find(Filters.eq("goalId", goalId)).sort(Sorts.ascending("linkedAt", "_id")).forEach(link -> found.add(new Link(
                link.getString("_id"), link.getString("customerId"), link.getString("actionId"), link.getString("linkedBy"),
                link.getString("linkedAt"))));
        return found;
    }
}
