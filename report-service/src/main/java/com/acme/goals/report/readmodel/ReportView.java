package com.acme.goals.report.readmodel;

import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report as its owner and their line read it: fields, every submitted version, annotation threads. */
public record ReportView(String reportId, String ownerId, String templateId, Integer templateVersion, String kind,
                         String periodKey, String status, Integer version, Map<String, Object> fields,
                         List<String> requiredFields, String dueAt, String draftedAt, String submittedAt, String timeliness,
                         List<SubmittedVersion> versions, List<AnnotationView> annotations, String returnReason,
                         String returnedBy, String reviewedBy, String reviewedAt) {

    /** One submission, as it was submitted. */
    public record SubmittedVersion(Integer version, Map<String, Object> fields, String timeliness, String submittedAt) {
    }

    /** A supervisor's note on the report, a field or a row, with the owner's answers. */
    public record AnnotationView(String annotationId, String field, Integer row, String text, Integer reportVersion,
                                 String author, String addedAt, List<Answer> answers) {
    }

    public record Answer(String text, String author, String answeredAt) {
    }

    static ReportView of(Document d) {
        return new ReportView(d.getString("reportId"), d.getString("ownerId"), d.getString("templateId"),
                d.getInteger("templateVersion"), d.getString("kind"), d.getString("periodKey"), d.getString("status"),
                d.getInteger("version"), fields(d), d.getList("requiredFields", String.class), d.getString("dueAt"),
                d.getString("draftedAt"), d.getString("submittedAt"), d.getString("timeliness"),
                d.getList("versions", Document.class, List.of()).stream().map(v -> new SubmittedVersion(v.getInteger("version"),
                        fields(v), v.getString("timeliness"), v.getString("submittedAt"))).toList(),
                d.getList("annotations", Document.class, List.of()).stream().map(ReportView::annotation).toList(),
                d.getString("returnReason"), d.getString("returnedBy"), d.getString("reviewedBy"), d.getString("reviewedAt"));
    }

    private static AnnotationView annotation(Document a) {
        return new AnnotationView(a.getString("annotationId"), a.getString("field"), a.getInteger("row"), a.getString("text"),
                a.getInteger("reportVersion"), a.getString("author"), a.getString("addedAt"),
                a.getList("answers", Document.class, List.of()).stream()
                        .map(x -> new Answer(x.getString("text"), x.getString("author"), x.getString("answeredAt"))).toList());
    }

    private static Map<String, Object> fields(Document d) {
        Document fields = d.get("fields", Document.class);
        return fields == null ? null : new LinkedHashMap<>(fields);
    }
}
