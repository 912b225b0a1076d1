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
}
