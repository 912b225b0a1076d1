package com.acme.goals.report.domain;

import com.acme.goals.contracts.report.AnnotationAdded;
import com.acme.goals.contracts.report.AnnotationAnswered;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.ReportDrafted;
import com.acme.goals.contracts.report.ReportFilled;
import com.acme.goals.contracts.report.ReportReturned;
import com.acme.goals.contracts.report.ReportReviewed;
import com.acme.goals.contracts.report.SummarySubmitted;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.report.domain.ReportCommands.AddAnnotation;
import com.acme.goals.report.domain.ReportCommands.AnswerAnnotation;
import com.acme.goals.report.domain.ReportCommands.DraftReport;
import com.acme.goals.report.domain.ReportCommands.FillReport;
import com.acme.goals.report.domain.ReportCommands.ReturnReport;
import com.acme.goals.report.domain.ReportCommands.ReviewReport;
import com.acme.goals.report.domain.ReportCommands.SubmitReport;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A report (周报/日报) on a template: DRAFT → SUBMITTED → REVIEWED, or RETURNED (with a reason) → SUBMITTED again.
 * Changes after a submission start a new version; annotations record the version their author saw.
 */
@Aggregate
public class Report {

    public enum Status { DRAFT, SUBMITTED, RETURNED, REVIEWED }

    @AggregateIdentifier
    private String reportId;
    private String ownerId;
    private String templateId;
    private String kind;
    private String periodKey;
    private Instant dueAt;
    private Status status;
    private int version;
    private boolean changedSinceSubmission;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Set<String> annotations = new HashSet<>();
    private List<String> requiredFields = List.of();

    protected Report() {
    }

    @CommandHandler
    Report(DraftReport command, Clock clock) {
        apply(new ReportDrafted(command.reportId(), command.ownerId(), command.templateId(), command.templateVersion(),
                command.kind(), command.periodKey(), command.fields(), command.requiredFields(), command.dueAt(), clock.instant()));
    }

    @CommandHandler
    void handle(FillReport command, Clock clock) {
        requireOwner(command.by(), "fill");
        if (status == Status.SUBMITTED || status == Status.REVIEWED) {
            throw new Conflict("report " + reportId + " is " + status + "; it can change only as a draft or after it was returned");
        }
        int next = status == Status.RETURNED && !changedSinceSubmission ? version + 1 : version;
        apply(new ReportFilled(reportId, ownerId, command.fields(), next, clock.instant()));
    }

    @CommandHandler
    void handle(SubmitReport command, Clock clock) {
        requireOwner(command.by(), "submit");
        List<String> missing = requiredFields.stream().filter(k -> isBlank(fields.get(k))).toList();
        if (!missing.isEmpty()) {
            throw new DomainRuleBroken("fields." + missing.get(0), "required fields are empty: " + missing);
        }
        if (status != Status.DRAFT && status != Status.RETURNED) {
            throw new Conflict("report " + reportId + " is " + status + " and cannot be submitted again before it is returned");
        }
        Instant now = clock.instant();
        String timeliness = now.isAfter(dueAt) ? "LATE" : "ON_TIME";
        int submitted = version; // a resubmission without changes is the same version
        Map<String, Object> snapshot = new LinkedHashMap<>(fields);
        if ("SUMMARY".equals(kind)) {
            apply(new SummarySubmitted(reportId, ownerId, templateId, periodKey, submitted, snapshot, timeliness, dueAt, now));
        } else {
            apply(new PlanSubmitted(reportId, ownerId, templateId, periodKey, submitted, snapshot, timeliness, dueAt, now));
        }
    }

    @CommandHandler
    void handle(AddAnnotation command, Clock clock, ReportingLines lines) {
        requireLine(command.author(), lines, "annotate");
        if (status == Status.DRAFT) {
            throw new Conflict("report " + reportId + " is a draft; annotate it once it was submitted");
        }
        if (command.text() == null || command.text().isBlank()) {
            throw new DomainRuleBroken("text", "an annotation needs text");
        }
        if (command.field() != null && !fields.containsKey(command.field())) {
            throw new DomainRuleBroken("anchor.field", "report " + reportId + " has no field '" + command.field() + "'");
        }
        if (command.row() != null && command.field() == null) {
            throw new DomainRuleBroken("anchor.row", "a row anchor needs the field of the table it is in");
        }
        apply(new AnnotationAdded(reportId, ownerId, command.annotationId(), command.field(), command.row(), command.text(),
                version, command.author(), clock.instant()));
    }

    @CommandHandler
    void handle(AnswerAnnotation command, Clock clock) {
        requireOwner(command.author(), "answer annotations on");
        if (!annotations.contains(command.annotationId())) {
            throw new NotFound("report " + reportId + " has no annotation " + command.annotationId());
        }
        if (command.text() == null || command.text().isBlank()) {
            throw new DomainRuleBroken("text", "an answer needs text");
        }
        apply(new AnnotationAnswered(reportId, ownerId, command.annotationId(), command.text(), command.author(), clock.instant()));
    }

    @CommandHandler
    void handle(ReturnReport command, Clock clock, ReportingLines lines) {
        requireLine(command.by(), lines, "return");
        requireSubmitted("returned");
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRuleBroken("reason", "returning a report needs a reason");
        }
        apply(new ReportReturned(reportId, ownerId, version, command.reason(), command.by(), clock.instant()));
    }

    @CommandHandler
    void handle(ReviewReport command, Clock clock, ReportingLines lines) {
        requireLine(command.by(), lines, "review");
        requireSubmitted("reviewed");
        apply(new ReportReviewed(reportId, ownerId, version, command.by(), clock.instant()));
    }

    private void requireOwner(String by, String what) {
        if (!ownerId.equals(by)) {
            throw new NotAllowed(by + " may not " + what + " report " + reportId + " of " + ownerId + ": only the owner may");
        }
    }

    private void requireLine(String by, ReportingLines lines, String what) {
        if (!lines.isAbove(by, ownerId)) {
            throw new NotAllowed(by + " may not " + what + " report " + reportId + " of " + ownerId
                    + ": only someone above the owner in the reporting line may");
        }
    }

    private static boolean isBlank(Object value) {
        return value == null || (value instanceof String s && s.isBlank())
                || (value instanceof java.util.Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private void requireSubmitted(String what) {
        if (status != Status.SUBMITTED) {
            throw new Conflict("report " + reportId + " is " + status + "; only a submitted report can be " + what);
        }
    }

    @EventSourcingHandler
    void on(ReportDrafted event) {
        reportId = event.reportId();
        ownerId = event.ownerId();
        templateId = event.templateId();
        kind = event.kind();
        periodKey = event.periodKey();
        dueAt = event.dueAt();
        fields.putAll(event.fields());
        requiredFields = event.requiredFields() == null ? List.of() : List.copyOf(event.requiredFields());
        status = Status.DRAFT;
        version = 1;
    }

    @EventSourcingHandler
    void on(ReportFilled event) {
        fields.putAll(event.fields());
        if (event.version() > version) {
            version = event.version();
            changedSinceSubmission = true;
        }
    }

    @EventSourcingHandler
    void on(PlanSubmitted event) {
        submitted(event.version());
    }

    @EventSourcingHandler
    void on(SummarySubmitted event) {
        submitted(event.version());
    }

    private void submitted(int submittedVersion) {
        status = Status.SUBMITTED;
        version = submittedVersion;
        changedSinceSubmission = false;
    }

    @EventSourcingHandler
    void on(AnnotationAdded event) {
        annotations.add(event.annotationId());
    }

    @EventSourcingHandler
    void on(ReportReturned event) {
        status = Status.RETURNED;
    }

    @EventSourcingHandler
    void on(ReportReviewed event) {
        status = Status.REVIEWED;
    }
}
