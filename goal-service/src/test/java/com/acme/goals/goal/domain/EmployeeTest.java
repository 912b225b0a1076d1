package com.acme.goals.goal.domain;

import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class EmployeeTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private AggregateTestFixture<Employee> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Employee.class);
        fixture.registerAnnotatedCommandHandler(new OrgDirectory(fixture.getRepository(), OrgDirectory.Registered.in(fixture.getEventStore()), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void the_top_of_the_chart_registers_without_a_supervisor() {
        fixture.givenNoPriorActivity()
                .when(new OrgCommands.RegisterEmployee("E-001", "王总", "SALES_DIRECTOR", null, "Asia/Shanghai", "admin"))
                .expectEvents(new EmployeeRegistered("E-001", "王总", "SALES_DIRECTOR", null, "Asia/Shanghai", "admin", NOW));
    }

    @Test
    void an_employee_with_an_unknown_supervisor_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new OrgCommands.RegisterEmployee("E-042", "n", "CHANNEL_MANAGER", "E-100", "Asia/Shanghai", "admin"))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage("supervisor E-100 is not registered");
    }

    @Test
    void a_time_zone_that_is_not_iana_is_refused_naming_it() {
        fixture.givenNoPriorActivity()
                .when(new OrgCommands.RegisterEmployee("E-001", "n", "SALES_DIRECTOR", null, "China/Beijing", "admin"))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("China/Beijing"));
    }

    @Test
    void the_same_employee_cannot_be_registered_twice() {
        fixture.given(new EmployeeRegistered("E-001", "n", "SALES_DIRECTOR", null, "Asia/Shanghai", "admin", NOW))
                .when(new OrgCommands.RegisterEmployee("E-001", "n", "SALES_DIRECTOR", null, "Asia/Shanghai", "admin"))
                .expectException(Conflict.class);
    }
}
