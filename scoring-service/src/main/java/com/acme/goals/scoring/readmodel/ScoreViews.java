package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.scoring.MonthlyBehaviorTotaled;
import com.acme.goals.contracts.scoring.WeekScored;
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
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every version of every week score and monthly total, keyed by employee, period and version: a replay writes the
 * same documents again. Readers get the latest and the history.
 */
@Component
@ProcessingGroup("score-views")
public class ScoreViews {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final MongoCollection<Document> weeks;
    private final MongoCollection<Document> months;
    private final ObjectMapper json;

    public ScoreViews(MongoDatabase database, ObjectMapper json) {
        this.weeks = database.getCollection("week_scores");
        this.months = database.getCollection("month_totals");
        this.json = json;
        weeks.createIndex(Indexes.ascending("employeeId", "isoWeek", "version"));
        months.createIndex(Indexes.ascending("employeeId", "month", "version"));
    }

    @EventHandler
    void on(WeekScored e) {
        String id = e.employeeId() + "|" + e.isoWeek() + "|" + e.version();
        weeks.replaceOne(Filters.eq("_id", id), document(e, id), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(MonthlyBehaviorTotaled e) {
        String id = e.employeeId() + "|" + e.month() + "|" + e.version();
        months.replaceOne(Filters.eq("_id", id), document(e, id), new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        weeks.deleteMany(new Document());
        months.deleteMany(new Document());
    }

    private Document document(Object event, String id) {
        Document doc = new Document(json.convertValue(event, MAP));
        doc.put("_id", id);
        return doc;
    }

    /** Every version of the week's score, newest first. */
    public List<WeekScored> week(String employeeId, String isoWeek) {
        List<WeekScored> found = new ArrayList<>();
        weeks.find(Filters.and(Filters.eq("employeeId", employeeId), Filters.eq("isoWeek", isoWeek)))
                .sort(Sorts.descending("version")).forEach(d -> found.add(read(d, WeekScored.class)));
        return found;
    }

    /** Every version of the month's total, newest first. */
    public List<MonthlyBehaviorTotaled> month(String employeeId, String month) {
        List<MonthlyBehaviorTotaled> found = new ArrayList<>();
        months.find(Filters.and(Filters.eq("employeeId", employeeId), Filters.eq("month", month)))
                .sort(Sorts.descending("version")).forEach(d -> found.add(read(d, MonthlyBehaviorTotaled.class)));
        return found;
    }

    /** The latest week score of each of several employees who have one, in one query. */
    public Map<String, WeekScored> latestWeeks(java.util.Collection<String> employeeIds, String isoWeek) {
        return latestByEmployee(weeks, Filters.and(Filters.in("employeeId", employeeIds), Filters.eq("isoWeek", isoWeek)),
                WeekScored.class);
    }

    /** The latest month total of each of several employees who have one, in one query. */
    public Map<String, MonthlyBehaviorTotaled> latestMonths(java.util.Collection<String> employeeIds, String month) {
        return latestByEmployee(months, Filters.and(Filters.in("employeeId", employeeIds), Filters.eq("month", month)),
                MonthlyBehaviorTotaled.class);
    }

    private <T> Map<String, T> latestByEmployee(MongoCollection<Document> versions, Bson filter, Class<T> type) {
        Map<String, T> latest = new java.util.HashMap<>();
        // oldest first, so the newest version is the one left standing
        versions.find(filter).sort(Sorts.ascending("version")).forEach(d -> latest.put(d.getString("employeeId"), read(d, type)));
        return latest;
    }

    private <T> T read(Document doc, Class<T> type) {
        doc.remove("_id");
        return json.convertValue(doc, type);
    }
}
