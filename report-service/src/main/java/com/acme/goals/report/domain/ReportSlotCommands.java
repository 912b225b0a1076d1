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

    /** Remind the owner of a report due at {@code dueAt} and not yet submitted. */
    public record RemindOwner(@TargetAggregateIdentifier String slotId, String ownerId, String templateId, String periodKey,
                              Instant dueAt) {
    }

    /** Tell {@code notifiedId} (level 1: the supervisor, 2: the one above) that the report is still missing. */
    public record EscalateMissing(@TargetAggregateIdentifier String slotId, int level, String notifiedId) {
    }

    private ReportSlotCommands() {
    }
}
