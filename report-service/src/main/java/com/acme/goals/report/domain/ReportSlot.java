package com.acme.goals.report.domain;

import com.acme.goals.report.domain.ReportSlotCommands.ExcusePeriod;

import com.acme.goals.report.domain.ReportSlotCommands.MarkOverdue;

import com.acme.goals.contracts.report.PeriodExcused;
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

    @EventSourcingHandler
    void on(ReportOverdue event) {
        slotId = event.slotId();
        overdue = true;
    }

    @EventSourcingHandler
    void on(PeriodExcused event) {
        slotId = event.slotId();
        excused = true;
    }
}
