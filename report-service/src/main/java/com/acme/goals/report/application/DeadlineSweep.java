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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds periods whose deadline passed with no report submitted and marks them MISSING ({@code ReportOverdue}): a
 * report drafted but never submitted is missing too (submitted later, it counts as late). Runs when the
 * service is ready and then periodically, so a deadline that passed while the service was down is still caught;
 * marking is idempotent (one slot per owner, template and period). Only periods due from the day the owner first owed
 * the form ({@link ReportTemplate#owedFrom}: the later of joining and the template's effective day), and before they
 * left, count. DAY templates expect reports Monday to Saturday.
 * <p>
 * A run costs what fell due, not the head count: each owner and template has a {@link SweepCursor} saying when its
 * next period is due, and a run reads the cursors that came due (an index), plus the cursors of owners whose org-chart
 * entry changed since the last run. Everyone is looked at only when this replica starts sweeping or a template
 * changes (a new version), to give new owners their cursor.
 * <p>
 * The same run reminds owners of the next period's report once its {@code remindBefore} window opened
 * ({@code report.ReminderDue}), and escalates MISSING reports still missing after {@code firstGrace} to the owner's
 * supervisor and after {@code secondGrace} to the one above ({@code report.MissingEscalated}). The
 * slot aggregate makes each of these happen once, and never for an excused period.
 */
public class DeadlineSweep {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweep.class);
    /** How far back a run looks for changed org-chart entries: replicas' wall clocks and slow writes differ this much. */
    private static final Duration CHANGE_MARGIN = Duration.ofMinutes(5);
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
    /** The template versions every owner has a cursor for, as of this replica's last run (empty: none yet). */
    private Map<String, Integer> enrolledVersions = Map.of();
    /** The changed entries the last run looked at, at their sequence then: inside the margin, one seen unchanged is skipped. */
    private Map<String, Long> lookedAt = Map.of();
    /** Wall-clock time (as the org chart stamps its entries) of the last run's start. */
    private Instant lastRun;
    /** Owners are settled this many at a time (each waits on the store and the command bus most of its time). */
    private final java.util.concurrent.ExecutorService settling = java.util.concurrent.Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "deadline-sweep");
        thread.setDaemon(true);
        return thread;
    });

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
    public synchronized void sweep() {
        if (!onThisReplica.getAsBoolean()) {
            enrolledVersions = Map.of(); // another replica sweeps meanwhile: look at everyone again when the lease comes back
            return;
        }
        Instant now = clock.instant();
        Instant wallClock = Instant.now();
        Map<String, ReportTemplate> byId = new HashMap<>();
        templates.all().forEach(t -> byId.put(t.templateId(), t));
        int marked = enrol(byId, now);
        Map<String, java.util.concurrent.Callable<Integer>> due = new java.util.LinkedHashMap<>();
        for (SweepCursor.Due cursorDue : cursor.due(now)) {
            due.put(owing(cursorDue.ownerId(), cursorDue.templateId()), () -> settle(cursorDue.ownerId(),
                    orgChart.member(cursorDue.ownerId()).orElse(null), byId.get(cursorDue.templateId()),
                    cursorDue.templateId(), cursorDue.next(), now));
        }
        marked += settleAll(due).marked();
        lastRun = wallClock;
        if (marked > 0) {
            log.info("deadline sweep marked {} periods MISSING", marked);
        }
        escalate(now);
    }

    /** One owner's obligation under one template: a run settles each at most once. */
    private static String owing(String ownerId, String templateId) {
        return ownerId + "|" + templateId;
    }

    /** How many periods a batch of settlements marked, and whether any of them failed (it is tried again next run). */
    private record Settled(int marked, boolean failed) {
    }

    /**
     * Settles owners side by side, each one's marks and then its cursor in order: a mark is a command round trip, and
     * a Monday with 10,000 reports due is 10,000 of them. A failure leaves that owner's cursor where it was.
     */
    private Settled settleAll(Map<String, java.util.concurrent.Callable<Integer>> settlements) {
        if (settlements.isEmpty()) {
            return new Settled(0, false);
        }
        int marked = 0;
        boolean failed = false;
        try {
            for (java.util.concurrent.Future<Integer> done : settling.invokeAll(settlements.values())) {
                try {
                    marked += done.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed = true;
                    log.warn("deadline sweep: an owner's periods were not settled, the next run tries again: {}", e.getCause().toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
        }
        return new Settled(marked, failed);
    }

    /**
     * Gives owners a cursor, or puts theirs right: every owner of a template this replica has not enrolled at its
     * current version, and the owners whose entry changed since the last run (a joiner, a leaver). Settles each at once.
     */
    private int enrol(Map<String, ReportTemplate> byId, Instant now) {
        Map<String, Integer> versions = new HashMap<>();
        byId.forEach((id, t) -> versions.put(id, t.version()));
        Map<String, java.util.concurrent.Callable<Integer>> settlements = new java.util.LinkedHashMap<>();
        List<ReportTemplate> changedTemplates = byId.values().stream()
                .filter(t -> !Integer.valueOf(t.version()).equals(enrolledVersions.get(t.templateId()))).toList();
        if (!changedTemplates.isEmpty()) {
            List<OrgChart.Member> everyone = orgChart.members();
            for (ReportTemplate template : changedTemplates) {
                Map<String, String> cursors = cursor.ofTemplate(template.templateId());
                for (OrgChart.Member member : everyone) { // a new deadline moves every cursor's instants too
                    if (member.role().equals(template.role())) {
                        settlements.put(owing(member.employeeId(), template.templateId()), () -> settle(member.employeeId(),
                                member, template, template.templateId(), cursors.get(member.employeeId()), now));
                    }
                }
            }
        }
        Map<String, Long> changed = new HashMap<>();
        if (lastRun != null) {
            changed = orgChart.versionsChangedSince(lastRun.minus(CHANGE_MARGIN));
            Map<String, Long> seen = lookedAt;
            // an entry seen at this sequence in an earlier run inside the margin: nothing a deadline depends on moved
            List<String> fresh = changed.entrySet().stream().filter(e -> !e.getValue().equals(seen.get(e.getKey())))
                    .map(Map.Entry::getKey).toList();
            for (OrgChart.Member member : orgChart.members(fresh)) {
                for (ReportTemplate template : byId.values()) {
                    if (member.role().equals(template.role())) {
                        settlements.putIfAbsent(owing(member.employeeId(), template.templateId()), () -> settle(member.employeeId(),
                                member, template, template.templateId(),
                                cursor.next(member.employeeId(), template.templateId()).orElse(null), now));
                    }
                }
            }
        }
        Settled settled = settleAll(settlements);
        if (!settled.failed()) { // else everyone is looked at again next run
            lookedAt = changed;
            if (!changedTemplates.isEmpty()) {
                log.info("deadline sweep: every owner of {} has a cursor at that version", changedTemplates.stream()
                        .map(t -> t.templateId() + " v" + t.version()).toList());
            }
            enrolledVersions = versions;
        }
        return settled.marked();
    }

    /**
     * Marks every period of an owner's form that fell due since {@code next} (null: since they first owed it), reminds
     * them of the period after if its time came, and moves the cursor there; parks it when they owe nothing more.
     * {@code member} is the owner's org-chart entry as the run read it (null: not in the chart).
     */
    private int settle(String ownerId, OrgChart.Member member, ReportTemplate template, String templateId, String next, Instant now) {
        if (template == null || member == null || member.joinedOn() == null || !template.role().equals(member.role())) {
            cursor.park(ownerId, templateId, next);
            return 0;
        }
        PeriodType type = PeriodType.valueOf(template.periodType());
        ZoneId zone = ZoneId.of(member.timeZone());
        Instant until = member.leftAt() == null || member.leftAt().isAfter(now) ? now : member.leftAt();
        Period period = next != null && !next.isEmpty() ? Period.parse(type, next) : Period.containing(type, template.owedFrom(member.joinedOn()));
        int marked = 0;
        for (; ; period = period.next()) {
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
        Instant due = template.deadline().dueAt(period, zone);
        if (member.leftAt() != null && !due.isBefore(member.leftAt())) {
            cursor.park(ownerId, templateId, period.key()); // falls due after they left: nothing more is owed
            return marked;
        }
        Instant remindAt = template.deadline().remindAt(period, zone);
        if (remindAt != null && !now.isBefore(remindAt)) {
            remind(template, member, zone, period);
            remindAt = null;
        }
        cursor.advance(ownerId, templateId, period.key(), due, remindAt);
        return marked;
    }

    /** The period after the last one due, whose reminder window opened: its owner is reminded, unless it is in. */
    private void remind(ReportTemplate template, OrgChart.Member member, ZoneId zone, Period period) {
        if (!template.expects(member.role(), zone, member.joinedOn(), member.leftAt(), period)) {
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
        for (ReportSlots.Escalation slot : slots.awaitingEscalation(now.minus(firstGrace), now.minus(secondGrace))) {
            int level = slot.escalatedLevel() + 1;
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
}
