package com.acme.goals.report.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.report.AnnotationAdded;
import com.acme.goals.contracts.report.AnnotationAnswered;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.ReportDrafted;
import com.acme.goals.contracts.report.ReportFilled;
import com.acme.goals.contracts.report.ReportReturned;
import com.acme.goals.contracts.report.ReportReviewed;
import com.acme.goals.contracts.report.SummarySubmitted;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A report with its fields, every submitted version, and its annotation threads: what the owner and the supervisor
 * line see. One document per report; each event applies once (by aggregate sequence). Rebuilt by replay.
 */
@Component
@ProcessingGroup("report-views")
public class ReportProjection {

    private final MongoCollection<Document> reports;

    public ReportProjection(MongoDatabase database) {
        this.reports = database.getCollection("report_views");
        reports.createIndex(com.mongodb.client.model.Indexes.ascending("status", "submittedAt"));
    }

    @EventHandler
    void on(ReportDrafted e, @SequenceNumber long sequence) {
        if (reports.find(Filters.eq("_id", e.reportId())).first() != null) {
            return;
        }
        Document doc = new Document("_id", e.reportId()).append("reportId", e.reportId()).append("ownerId", e.ownerId())
                .append("templateId", e.templateId()).append("templateVersion", e.templateVersion()).append("kind", e.kind())
                .append("periodKey", e.periodKey()).append("status", "DRAFT").append("version", 1)
                .append("fields", new Document(e.fields())).append("requiredFields", e.requiredFields())
                .append("dueAt", e.dueAt().toString()).append("draftedAt", e.draftedAt().toString())
                .append("versions", new ArrayList<>()).append("annotations", new ArrayList<>()).append("sequence", sequence);
        reports.replaceOne(Filters.eq("_id", e.reportId()), doc, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(ReportFilled e, @SequenceNumber long sequence) {
        update(e.reportId(), sequence, doc -> {
            Document fields = doc.get("fields", Document.class);
            fields.putAll(e.fields());
            doc.put("version", e.version());
        });
    }

    @EventHandler
    void on(PlanSubmitted e, @SequenceNumber long sequence) {
        submitted(e.reportId(), sequence, e.version(), e.fields(), e.timeliness(), e.submittedAt());
    }

    @EventHandler
    void on(SummarySubmitted e, @SequenceNumber long sequence) {
        submitted(e.reportId(), sequence, e.version(), e.fields(), e.timeliness(), e.submittedAt());
    }

    private void submitted(String reportId, long sequence, int version, Map<String, Object> fields, String timeliness,
                           Instant at) {
        update(reportId, sequence, doc -> {
            doc.put("status", "SUBMITTED");
            doc.put("submittedAt", at.toString());
            if (doc.get("timeliness") == null) {
                doc.put("timeliness", timeliness); // the first submission decides whether the period was on time
            }
            List<Document> versions = new ArrayList<>(doc.getList("versions", Document.class, List.of()));
            versions.add(new Document("version", version).append("fields", new Document(fields))
                    .append("timeliness", timeliness).append("submittedAt", at.toString()));
            doc.put("versions", versions);
        });
    }

    @EventHandler
    void on(AnnotationAdded e, @SequenceNumber long sequence) {
        update(e.reportId(), sequence, doc -> {
            List<Document> annotations = new ArrayList<>(doc.getList("annotations", Document.class, List.of()));
            annotations.add(new Document("annotationId", e.annotationId()).append("field", e.field()).append("row", e.row())
                    .append("text", e.text()).append("reportVersion", e.reportVersion()).append("author", e.author())
                    .append("addedAt", e.addedAt().toString()).append("answers", new ArrayList<>()));
            doc.put("annotations", annotations);
        });
    }

    @EventHandler
    void on(AnnotationAnswered e, @SequenceNumber long sequence) {
        update(e.reportId(), sequence, doc -> {
            for (Document annotation : doc.getList("annotations", Document.class, List.of())) {
                if (e.annotationId().equals(annotation.getString("annotationId"))) {
                    List<Document> answers = new ArrayList<>(annotation.getList("answers", Document.class, List.of()));
                    answers.add(new Document("text", e.text()).append("author", e.author()).append("answeredAt", e.answeredAt().toString()));
                    annotation.put("answers", answers);
                }
            }
        });
    }

    @EventHandler
    void on(ReportReturned e, @SequenceNumber long sequence) {
        update(e.reportId(), sequence, doc -> {
            doc.put("status", "RETURNED");
            doc.put("returnReason", e.reason());
            doc.put("returnedBy", e.returnedBy());
        });
    }

    @EventHandler
    void on(ReportReviewed e, @SequenceNumber long sequence) {
        update(e.reportId(), sequence, doc -> {
            doc.put("status", "REVIEWED");
            doc.put("reviewedBy", e.reviewedBy());
            doc.put("reviewedAt", e.reviewedAt().toString());
        });
    }

    private void update(String reportId, long sequence, Consumer<Document> change) {
        Document doc = reports.find(Filters.eq("_id", reportId)).first();
        if (doc == null || doc.get("sequence", Number.class).longValue() >= sequence) {
            return;
        }
        change.accept(doc);
        doc.put("sequence", sequence);
        reports.replaceOne(Filters.eq("_id", reportId), doc);
    }

    @ResetHandler
    void reset() {
        reports.deleteMany(new Document());
    }

    public Optional<ReportView> find(String reportId) {
        return Optional.ofNullable(reports.find(Filters.eq("_id", reportId)).first()).map(ReportView::of);
    }

    /** An owner's reports, of one period or all, a page at a time. */
    public List<ReportView> ofOwner(String ownerId, String periodKey, int page, int size) {
        List<ReportView> found = new ArrayList<>();
        reports.find(ownerFilter(ownerId, periodKey)).sort(Sorts.ascending("periodKey", "templateId")).skip(page * size).limit(size)
                .forEach(d -> found.add(ReportView.of(d)));
        return found;
    }

    public long countOfOwner(String ownerId, String periodKey) {
        return reports.countDocuments(ownerFilter(ownerId, periodKey));
    }

    private static Bson ownerFilter(String ownerId, String periodKey) {
        return periodKey == null ? Filters.eq("ownerId", ownerId)
                : Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("periodKey", periodKey));
    }

    /** Every report waiting for review, oldest submission first. */
    /** A page of the submitted reports of some owners, oldest first, and how many there are in all. */
    public record SubmittedPage(List<ReportView> reports, int total) {
    }

    /**
     * The submitted reports (awaiting review) of the given owners, oldest first: their ids and owners are read first, the
     * page's reports in full after, so a company-wide inbox reads the whole of only the reports it shows.
     */
    public SubmittedPage submittedBy(java.util.Set<String> ownerIds, int page, int size) {
        List<String> ids = new ArrayList<>();
        reports.find(Filters.eq("status", "SUBMITTED")).projection(new Document("ownerId", 1).append("submittedAt", 1))
                .sort(Sorts.ascending("submittedAt", "_id")).forEach(d -> {
                    if (ownerIds.contains(d.getString("ownerId"))) {
                        ids.add(d.getString("_id"));
                    }
                });
        int from = Math.min(ids.size(), page * size);
        List<String> shown = ids.subList(from, Math.min(ids.size(), from + size));
        java.util.Map<String, ReportView> byId = new java.util.HashMap<>();
        if (!shown.isEmpty()) {
            reports.find(Filters.in("_id", shown)).forEach(d -> byId.put(d.getString("_id"), ReportView.of(d)));
        }
        return new SubmittedPage(shown.stream().map(byId::get).filter(java.util.Objects::nonNull).toList(), ids.size());
    }

    /** The timeliness (ON_TIME, LATE, or null before submission) of each of the given reports, from one read. */
    public java.util.Map<String, String> timeliness(java.util.Collection<String> reportIds) {
        java.util.Map<String, String> found = new java.util.HashMap<>();
        if (!reportIds.isEmpty()) {
            reports.find(Filters.in("_id", reportIds)).projection(new Document("timeliness", 1))
                    .forEach(d -> {
                        if (d.getString("timeliness") != null) {
                            found.put(d.getString("_id"), d.getString("timeliness"));
                        }
                    });
        }
        return found;
    }
}
