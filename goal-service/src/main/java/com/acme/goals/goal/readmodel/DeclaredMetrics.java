package com.acme.goals.goal.readmodel;

import com.acme.goals.contracts.goal.MetricDeclared;
import com.acme.goals.contracts.metric.MetricCatalogue;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The metrics admins declared, one document per name, and the whole catalogue (built-in first) for
 * {@code GET /api/metrics}. Replacing by name makes a replay or a re-delivery harmless.
 */
@Component
@ProcessingGroup("goal-views")
public class DeclaredMetrics {

    /** One metric as the catalogue shows it. */
    public record View(String name, String unitKind, String aggregation, String source, List<String> fedBy,
                       String description, String declaredBy, String declaredAt) {
    }

    private final MongoCollection<Document> metrics;

    public DeclaredMetrics(MongoDatabase database) {
        this.metrics = database.getCollection("declared_metrics");
    }

    @EventHandler
    void on(MetricDeclared event) {
        metrics.replaceOne(Filters.eq("_id", event.name()), new Document("_id", event.name())
                        .append("unitKind", event.unitKind()).append("description", event.description())
                        .append("declaredBy", event.declaredBy()).append("declaredAt", event.declaredAt().toString()),
                new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        metrics.deleteMany(new Document());
    }

    public Collection<String> names() {
        List<String> names = new ArrayList<>();
        metrics.find().projection(new Document("_id", 1)).forEach(d -> names.add(d.getString("_id")));
        return names;
    }

    /** Built-in metrics, then the declared ones, each group by name. */
    public List<View> catalogue() {
        List<View> all = new ArrayList<>(MetricCatalogue.builtIns().stream()
                .map(m -> new View(m.name(), m.unitKind().name(), m.aggregation(), m.source().name(), m.fedBy(),
                        m.description(), null, null)).toList());
        List<View> declared = new ArrayList<>();
        metrics.find().sort(Sorts.ascending("_id")).forEach(d -> declared.add(new View(d.getString("_id"),
                d.getString("unitKind"), "SUM", MetricCatalogue.Source.TYPED_IN.name(), List.of(),
                d.getString("description"), d.getString("declaredBy"), d.getString("declaredAt"))));
        declared.sort(Comparator.comparing(View::name));
        all.addAll(declared);
        return all;
    }
}
