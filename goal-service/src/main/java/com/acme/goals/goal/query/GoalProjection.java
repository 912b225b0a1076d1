package com.acme.goals.goal.query;

import com.acme.goals.contracts.goal.GoalSet;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;

import java.util.Map;
import java.util.Optional;

/** The goal as goal-service's own screens show it; one document per goal, rebuilt by replaying the event store. */
@ProcessingGroup("goal-views")
public class GoalProjection {

    private final MongoCollection<Document> goals;
    private final ObjectMapper objectMapper;

    public GoalProjection(MongoDatabase database, ObjectMapper objectMapper) {
        this.goals = database.getCollection("goal_views");
        this.objectMapper = objectMapper;
    }

    @EventHandler
    void on(GoalSet event) {
        Document doc = new Document(objectMapper.convertValue(event, Map.class));
        doc.put("_id", event.goalId());
        doc.put("version", 0L);
        goals.replaceOne(Filters.eq("_id", event.goalId()), doc, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        goals.deleteMany(new Document());
    }

    public Optional<GoalView> find(String goalId) {
        return Optional.ofNullable(goals.find(Filters.eq("_id", goalId)).first())
                .map(doc -> {
                    doc.remove("_id");
                    return objectMapper.convertValue(doc, GoalView.class);
                });
    }
}
