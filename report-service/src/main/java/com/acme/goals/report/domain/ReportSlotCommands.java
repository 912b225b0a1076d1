package com.acme.goals.report.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The commands on a report slot: the deadline sweep's and the supervisor's. */
public final class ReportSlotCommands {

    public record MarkOverdue(@TargetAggregateIdentifier String slotId, String ownerId, String templateId, String periodKey,
                              Instant dueAt) {
    }

    public record ExcusePeriod(@TargetAggregateIdentifier String slotId, String ownerId, String templateId, String periodKey,
                               String reason, String by) {
    }

    private ReportSlotCommands() {
    }
}
