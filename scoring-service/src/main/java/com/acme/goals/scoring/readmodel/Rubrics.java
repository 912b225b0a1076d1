package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.scoring.domain.Rubric;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scoring rubrics, one document per version, never changed once stored: a score names its version and that
 * version stays readable. Configuration, like report templates, not a stream of events. Version 1 is the product's
 * default, stored at first start.
 */
@Component
public class Rubrics {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final MongoCollection<Document> rubrics;
    private final ObjectMapper json;
    private final Clock clock;

    public Rubrics(MongoDatabase database, ObjectMapper json, Clock clock) {
        this.rubrics = database.getCollection("rubrics");
        this.json = json;
        this.clock = clock;
        if (rubrics.find(Filters.eq("_id", 1)).first() == null) {
            try {
                store(Rubric.defaults());
            } catch (com.mongodb.MongoWriteException e) {
                if (e.getError().getCode() != 11000) {
                    throw e;
                } // another replica starting at the same moment stored the same defaults
            }
        }
    }

    public Rubric current() {
        Document doc = rubrics.find().sort(Sorts.descending("_id")).first();
        return doc == null ? Rubric.defaults() : read(doc);
    }

    public Rubric version(int version) {
        Document doc = rubrics.find(Filters.eq("_id", version)).first();
        if (doc == null) {
            throw new NotFound("rubric version " + version + " does not exist");
        }
        return read(doc);
    }

    public List<Rubric> all() {
        List<Rubric> all = new ArrayList<>();
        rubrics.find().sort(Sorts.ascending("_id")).forEach(d -> all.add(read(d)));
        return all;
    }

    /** Stores the proposal as the next version; two admins at once get consecutive versions, never one overwritten. */
    public Rubric publish(Rubric proposal, String by) {
        proposal.check();
        for (int attempt = 0; attempt < 5; attempt++) {
            Rubric next = proposal.asVersion(current().version() + 1, by, clock.instant());
            try {
                store(next);
                return next;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("could not store a new rubric version: too many at once");
    }

    private void store(Rubric rubric) {
        Document doc = new Document(json.convertValue(rubric, MAP));
        doc.put("_id", rubric.version());
        rubrics.insertOne(doc);
    }

    private Rubric read(Document doc) {
        doc.remove("_id");
        return json.convertValue(doc, Rubric.class);
    }
}
