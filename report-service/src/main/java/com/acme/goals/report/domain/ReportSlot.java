package com.acme.goals.report.domain;

import com.acme.goals.report.domain.ReportSlotCommands.ExcusePeriod;

import com.acme.goals.report.domain.ReportSlotCommands.MarkOverdue;

import com.acme.goals.contracts.report.PeriodExcused;
import com.acme.goals.contracts.report.MissingEscalated;
import com.acme.goals.contracts.report.ReminderDue;
import com.acme.goals.contracts.report.ReportOverdue;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One owner's obligation to report on one template for one period. Its id is derived from the three, so a
 * deadline sweep that runs again (after a restart, or twice at once) finds the slot and raises nothing new.
 */
@Aggregate
public class ReportSlot {

    @AggregateIdentifier
    private String slotId;
    private boolean overdue;
    private boolean excused;
    private boolean reminded;
    private int escalatedLevel;
    private ReportOverdue missing;

    protected ReportSlot() {
    }

    public static String id(String ownerId, String templateId, String periodKey) {
        return "S-" + UUID.nameUUIDFromBytes((ownerId + "|" + templateId + "|" + periodKey).getBytes(StandardCharsets.UTF_8));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(MarkOverdue command, Clock clock) {
        if (overdue || excused) {
            return; // raised once; an excused period is never missing
        }
        apply(new ReportOverdue(command.slotId(), command.ownerId(), command.templateId(), command.periodKey(), command.dueAt(),
                clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ExcusePeriod command, Clock clock, ReportingLines lines) {
        if (!lines.isAbove(command.by(), command.ownerId())) {
            throw new NotAllowed(command.by() + " may not excuse periods of " + command.ownerId()
                    + ": only someone above them in the reporting line may");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRuleBroken("reason", "an excuse needs a reason (leave, holiday, …)");
        }
        if (excused) {
            return;
        }
        apply(new PeriodExcused(command.slotId(), command.ownerId(), command.templateId(), command.periodKey(), command.reason(),
                command.by(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReportSlotCommands.RemindOwner command, Clock clock) {
        if (reminded || overdue || excused) {
            return; // once; never for an excused period, nor one already missing
        }
        apply(new ReminderDue(command.slotId(), command.ownerId(), command.templateId(), command.periodKey(), command.dueAt(),
                clock.instant()));
    }

    /** Escalates one level at a time, each once, and only while the period is missing and not excused. */
    @CommandHandler
    void handle(ReportSlotCommands.EscalateMissing command, Clock clock) {
        if (!overdue || excused || command.level() != escalatedLevel + 1) {
            return;
        }
        apply(new MissingEscalated(slotId, missing.ownerId(), missing.templateId(), missing.periodKey(), missing.dueAt(),
                command.level(), command.notifiedId(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ReportOverdue event) {
        slotId = event.slotId();
        overdue = true;
        missing = event;
    }

    @EventSourcingHandler
    void on(ReminderDue event) {
        slotId = event.slotId();
        reminded = true;
    }

    @EventSourcingHandler
    void on(MissingEscalated event) {
        escalatedLevel = event.level();
    }

    @EventSourcingHandler
    void on(PeriodExcused event) {
        slotId = event.slotId();
        excused = true;
    }
}
