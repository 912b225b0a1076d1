package com.acme.goals.report.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/** Commands on a report; the web layer has checked who may send them (owner, or the owner's supervisor line). */
public final class ReportCommands {

    public record DraftReport(@TargetAggregateIdentifier String reportId, String ownerId, String templateId, int templateVersion,
                              String kind, String periodKey, Map<String, Object> fields, java.util.List<String> requiredFields,
                              Instant dueAt) {
    }

    public record FillReport(@TargetAggregateIdentifier String reportId, Map<String, Object> fields, String by) {
    }

    public record SubmitReport(@TargetAggregateIdentifier String reportId, String by) {
    }

    public record AddAnnotation(@TargetAggregateIdentifier String reportId, String annotationId, String field, Integer row,
                                String text, String author) {
    }

    public record AnswerAnnotation(@TargetAggregateIdentifier String reportId, String annotationId, String text, String author) {
    }

    public record ReturnReport(@TargetAggregateIdentifier String reportId, String reason, String by) {
    }

    public record ReviewReport(@TargetAggregateIdentifier String reportId, String by) {
    }

    private ReportCommands() {
    }
}
