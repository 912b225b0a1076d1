package com.acme.goals.report.application;

import com.acme.goals.report.domain.ReportSlotCommands;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.report.domain.ReportSlot;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.readmodel.ReportIndex;
import com.acme.goals.report.readmodel.ReportSlots;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Finds periods whose deadline passed with no report submitted and marks them MISSING ({@code ReportOverdue}): a
 * report drafted but never submitted is missing too (submitted later, it counts as late). Runs when the
 * service is ready and then periodically, so a deadline that passed while the service was down is still caught;
 * marking is idempotent (one slot per owner, template and period). Only periods due after the owner joined, and
 * before they left, count. DAY templates expect reports Monday to Saturday. Each owner and template resumes at the
 * first period that was not yet due last time ({@link SweepCursor}), so a run costs the new periods, not the years
 * since someone joined.
 * <p>
 * The same run reminds owners of the next period's report once its {@code remindBefore} window opened
 * ({@code report.ReminderDue}), and escalates MISSING reports still missing after {@code firstGrace} to the owner's
 * supervisor and after {@code secondGrace} to the one above ({@code report.MissingEscalated}). The
 * slot aggregate makes each of these happen once, and never for an excused period.
 */
public class DeadlineSweep {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweep.class);
    private final TemplateCatalogue templates;
    private final OrgChart orgChart;
    private final ReportIndex index;
    private final ReportSlots slots;
    private final CommandGateway commands;
    private final Clock clock;
    private final SweepCursor cursor;
    private final Submissions submissions;
    private final Duration firstGrace;
    private final Duration secondGrace;
    /** Whether this replica holds the sweep's lease now (always, until {@link #onOneReplica} says otherwise). */
    private java.util.function.BooleanSupplier onThisReplica = () -> true;

    public DeadlineSweep(TemplateCatalogue templates, OrgChart orgChart, ReportIndex index, ReportSlots slots,
                         CommandGateway commands, Clock clock, SweepCursor cursor, Submissions submissions,
                         Duration firstGrace, Duration secondGrace) {
        this.submissions = submissions;
        this.firstGrace = firstGrace;
        this.secondGrace = secondGrace;
        this.cursor = cursor;
        this.templates = templates;
        this.orgChart = orgChart;
        this.index = index;
        this.slots = slots;
        this.commands = commands;
        this.clock = clock;
    }

    /** Sweeps only while {@code lease} says this replica holds the sweep (a lease in MongoDB: {@code Leases}). */
    public DeadlineSweep onOneReplica(java.util.function.BooleanSupplier lease) {
        this.onThisReplica = lease;
        return this;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        sweep();
    }

    @Scheduled(fixedDelayString = "${goals.timeliness.sweep-interval:PT30S}", initialDelayString = "${goals.timeliness.sweep-interval:PT30S}")
    public void sweep() {
        if (!onThisReplica.getAsBoolean()) {
            return;
        }
        Instant now = clock.instant();
        int marked = 0;
        java.util.List<OrgChart.Member> members = orgChart.members();
        for (ReportTemplate template : templates.all()) {
            PeriodType type = PeriodType.valueOf(template.periodType());
            for (OrgChart.Member member : members) {
                if (!template.role().equals(member.role()) || member.joinedOn() == null) {
                    continue;
                }
                ZoneId zone = ZoneId.of(member.timeZone());
                Instant until = member.leftAt() == null || member.leftAt().isAfter(now) ? now : member.leftAt();
                Period start = cursor.next(member.employeeId(), template.templateId())
                        .map(key -> Period.parse(type, key)).orElseGet(() -> first(type, member.joinedOn()));
                Period period = start;
                for (; ; period = next(period)) {
                    Instant due = template.deadline().dueAt(period, zone);
                    if (!due.isBefore(until)) {
                        break;
                    }
                    if (!template.expects(member.role(), zone, member.joinedOn(), member.leftAt(), period)) {
                        continue;
                    }
                    String slotId = ReportSlot.id(member.employeeId(), template.templateId(), period.key());
                    if (slots.isSettled(slotId) || index.forPeriod(member.employeeId(), template.templateId(), period.key())
                            .filter(submissions::submitted).isPresent()) {
                        continue;
                    }
                    commands.sendAndWait(new ReportSlotCommands.MarkOverdue(slotId, member.employeeId(), template.templateId(),
                            period.key(), due));
                    log.info("report {} of {} for {} is MISSING (was due {})", template.templateId(), member.employeeId(),
                            period.key(), due);
                    marked++;
                }
                if (!period.equals(start)) {
                    cursor.advance(member.employeeId(), template.templateId(), period.key()); // everything before is settled
                }
                if (member.leftAt() == null) {
                    remind(template, member, zone, period, now);
                }
            }
        }
        if (marked > 0) {
            log.info("deadline sweep marked {} periods MISSING", marked);
        }
        escalate(now);
    }

    /** The period after the last one due: its owner is reminded once the reminder window opened, unless it is in. */
    private void remind(ReportTemplate template, OrgChart.Member member, ZoneId zone, Period period, Instant now) {
        Instant remindAt = template.deadline().remindAt(period, zone);
        if (remindAt == null || now.isBefore(remindAt)
                || !template.expects(member.role(), zone, member.joinedOn(), member.leftAt(), period)) {
            return;
        }
        String slotId = ReportSlot.id(member.employeeId(), template.templateId(), period.key());
        if (slots.wasReminded(slotId) || slots.state(slotId).isPresent()
                || index.forPeriod(member.employeeId(), template.templateId(), period.key()).filter(submissions::submitted).isPresent()) {
            return;
        }
        Instant due = template.deadline().dueAt(period, zone);
        commands.sendAndWait(new ReportSlotCommands.RemindOwner(slotId, member.employeeId(), template.templateId(), period.key(), due));
        log.info("reminded {} of {} for {} (due {})", member.employeeId(), template.templateId(), period.key(), due);
    }

    /** MISSING reports past a grace period, still not in: the owner's supervisor, then the one above. */
    private void escalate(Instant now) {
        for (ReportSlots.Escalation slot : slots.awaitingEscalation()) {
            int level = slot.escalatedLevel() + 1;
            Instant dueAt = Instant.parse(slot.dueAt());
            if (now.isBefore(dueAt.plus(level == 1 ? firstGrace : secondGrace))) {
                continue;
            }
            if (index.forPeriod(slot.ownerId(), slot.templateId(), slot.periodKey()).filter(submissions::submitted).isPresent()) {
                continue; // came in late: nobody needs telling
            }
            // who leads the owner now is who can act on it (a report due before a move goes to the new lead)
            java.util.Optional<String> supervisor = supervisorOf(slot.ownerId());
            java.util.Optional<String> notified = level == 1 ? supervisor : supervisor.flatMap(this::supervisorOf);
            String told = notified.filter(id -> orgChart.leftAt(id).isEmpty()).orElse(null); // never to someone who left
            commands.sendAndWait(new ReportSlotCommands.EscalateMissing(slot.slotId(), level, told));
            log.info("missing report {} of {} for {} escalated (level {}) to {}", slot.templateId(), slot.ownerId(),
                    slot.periodKey(), level, told == null ? "nobody (no such person, or they left)" : told);
        }
    }

    private java.util.Optional<String> supervisorOf(String employeeId) {
        return orgChart.find(employeeId).map(e -> e.supervisorId());
    }

    private static Period first(PeriodType type, LocalDate day) {
        return switch (type) {
            case DAY -> Period.day(day);
            case WEEK -> Period.weekOf(day);
            case MONTH -> Period.month(java.time.YearMonth.from(day));
            case QUARTER -> Period.quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
            case YEAR -> Period.year(day.getYear());
            case EVENT -> throw new IllegalArgumentException("no deadlines for EVENT");
        };
    }

    private static Period next(Period period) {
        return first(period.type(), period.lastDay().plusDays(1));
    }
}
