package com.acme.goals.scoring.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.report.AnnotationAdded;
import com.acme.goals.contracts.report.AnnotationAnswered;
import com.acme.goals.contracts.report.ReportDrafted;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The supervisors' annotations (批注) on an employee's reports, with the report's period, for the weekly board. Each
 * annotation and answer is set under its own key, so a re-delivery writes the same value again.
 */
@Component
public class ReportNotes {

    /** One annotation with its answers, on the report of a period. */
    public record Note(String reportId, String templateId, String periodKey, String annotationId, String field, Integer row,
                       String text, String author, String addedAt, List<Answer> answers) {
    }

    /** The owner's answer to an annotation. */
    public record Answer(String text, String author, String answeredAt) {
    }

    private final MongoCollection<Document> reports;

    public ReportNotes(MongoDatabase database) {
        this.reports = database.getCollection("report_notes");
        reports.createIndex(Indexes.ascending("ownerId", "periodKey"));
    }

    public void apply(ReportDrafted e) {
        reports.updateOne(Filters.eq("_id", e.reportId()), Updates.combine(Updates.set("ownerId", e.ownerId()),
                Updates.set("templateId", e.templateId()), Updates.set("periodKey", e.periodKey())), new UpdateOptions().upsert(true));
    }

    public void apply(AnnotationAdded e) {
        reports.updateOne(Filters.eq("_id", e.reportId()), Updates.set("annotations." + e.annotationId(),
                new Document("field", e.field()).append("row", e.row()).append("text", e.text()).append("author", e.author())
                        .append("addedAt", e.addedAt().toString()).append("reportVersion", e.reportVersion())),
                new UpdateOptions().upsert(true));
    }

    public void apply(AnnotationAnswered e) {
        reports.updateOne(Filters.eq("_id", e.reportId()), Updates.set("annotations." + e.annotationId() + ".answers."
                        + e.answeredAt().toEpochMilli() + "-" + e.author(),
                new Document("text", e.text()).append("author", e.author()).append("answeredAt", e.answeredAt().toString())));
    }

    /** The annotations on an owner's reports of the given periods, oldest first. */
    public List<Note> of(String ownerId, Collection<String> periodKeys) {
        List<Note> notes = new ArrayList<>();
        for (Document report : reports.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.in("periodKey", periodKeys)))) {
            Document annotations = report.get("annotations", Document.class);
            if (annotations == null) {
                continue;
            }
            annotations.forEach((id, value) -> {
                Document a = (Document) value;
                Document answers = a.get("answers", Document.class);
                List<Answer> ordered = answers == null ? List.of() : answers.values().stream().map(Document.class::cast)
                        .map(d -> new Answer(d.getString("text"), d.getString("author"), d.getString("answeredAt")))
                        .sorted(Comparator.comparing(Answer::answeredAt)).toList();
                notes.add(new Note(report.getString("_id"), report.getString("templateId"), report.getString("periodKey"), id,
                        a.getString("field"), a.getInteger("row"), a.getString("text"), a.getString("author"),
                        a.getString("addedAt"), ordered));
            });
        }
        notes.sort(Comparator.comparing(Note::addedAt));
        return notes;
    }
}
