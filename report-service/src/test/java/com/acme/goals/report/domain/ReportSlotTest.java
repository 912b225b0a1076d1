package com.acme.goals.report.domain;

import com.acme.goals.contracts.report.PeriodExcused;
import com.acme.goals.contracts.report.ReportOverdue;
import com.acme.goals.platform.errors.NotAllowed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class ReportSlotTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private static final Instant DUE = Instant.parse("2026-11-16T02:00:00Z");
    private static final String SLOT = ReportSlot.id("E-042", "channel-manager-weekly", "2026-W47");
    private AggregateTestFixture<ReportSlot> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReportSlot.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((ReportingLines) (supervisor, employee) -> supervisor.equals("E-100"));
    }

    private ReportSlotCommands.MarkOverdue overdue() {
        return new ReportSlotCommands.MarkOverdue(SLOT, "E-042", "channel-manager-weekly", "2026-W47", DUE);
    }

    @Test
    void a_period_past_its_deadline_with_no_report_is_missing() {
        fixture.givenNoPriorActivity().when(overdue())
                .expectEvents(new ReportOverdue(SLOT, "E-042", "channel-manager-weekly", "2026-W47", DUE, NOW));
    }

    @Test
    void a_second_sweep_raises_nothing_new() {
        fixture.given(new ReportOverdue(SLOT, "E-042", "channel-manager-weekly", "2026-W47", DUE, NOW))
                .when(overdue()).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void an_excused_period_is_never_missing() {
        fixture.given(new PeriodExcused(SLOT, "E-042", "channel-manager-weekly", "2026-W47", "annual leave", "E-100", NOW))
                .when(overdue()).expectNoEvents();
    }

    @Test
    void only_the_supervisor_line_excuses() {
        fixture.givenNoPriorActivity()
                .when(new ReportSlotCommands.ExcusePeriod(SLOT, "E-042", "channel-manager-weekly", "2026-W47", "leave", "E-042"))
                .expectException(NotAllowed.class);
        fixture.givenNoPriorActivity()
                .when(new ReportSlotCommands.ExcusePeriod(SLOT, "E-042", "channel-manager-weekly", "2026-W47", "annual leave", "E-100"))
                .expectEvents(new PeriodExcused(SLOT, "E-042", "channel-manager-weekly", "2026-W47", "annual leave", "E-100", NOW));
    }

    private static ReportSlotCommands.RemindOwner remind() {
        return new ReportSlotCommands.RemindOwner(SLOT, "E-042", "channel-manager-weekly", "2026-W47", DUE);
    }

    @Test
    void an_owner_is_reminded_once_and_never_of_an_excused_period() {
        fixture.givenNoPriorActivity().when(remind())
                .expectEvents(new com.acme.goals.contracts.report.ReminderDue(SLOT, "E-042", "channel-manager-weekly", "2026-W47", DUE, NOW));
        fixture.given(new com.acme.goals.contracts.report.ReminderDue(SLOT, "E-042", "channel-manager-weekly", "2026-W47", DUE, NOW))
                .when(remind()).expectNoEvents();
        fixture.given(new PeriodExcused(SLOT, "E-042", "channel-manager-weekly", "2026-W47", "annual leave", "E-100", NOW))
                .when(remind()).expectNoEvents();
    }

    @Test
    void a_missing_report_escalates_one_level_at_a_time_each_once_and_never_once_excused() {
        ReportOverdue missing = new ReportOverdue(SLOT, "E-042", "channel-manager-weekly", "2026-W47", DUE, NOW);
        com.acme.goals.contracts.report.MissingEscalated first = new com.acme.goals.contracts.report.MissingEscalated(
                SLOT, "E-042", "channel-manager-weekly", "2026-W47", DUE, 1, "E-100", NOW);
        fixture.given(missing).when(new ReportSlotCommands.EscalateMissing(SLOT, 1, "E-100")).expectEvents(first);
        fixture.given(missing, first).when(new ReportSlotCommands.EscalateMissing(SLOT, 1, "E-100")).expectNoEvents();
        fixture.given(missing).when(new ReportSlotCommands.EscalateMissing(SLOT, 2, "E-001")).expectNoEvents();
        fixture.given(missing, first).when(new ReportSlotCommands.EscalateMissing(SLOT, 2, "E-001"))
                .expectEvents(new com.acme.goals.contracts.report.MissingEscalated(SLOT, "E-042", "channel-manager-weekly", "2026-W47",
                        DUE, 2, "E-001", NOW));
        fixture.given(missing, new PeriodExcused(SLOT, "E-042", "channel-manager-weekly", "2026-W47", "sick", "E-100", NOW))
                .when(new ReportSlotCommands.EscalateMissing(SLOT, 1, "E-100")).expectNoEvents();
    }
}
