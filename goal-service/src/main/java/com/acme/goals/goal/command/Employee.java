package com.acme.goals.goal.command;

import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.platform.errors.DomainRuleBroken;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One person in the org chart: their role, supervisor and time zone. */
@Aggregate
public class Employee {

    @AggregateIdentifier
    private String employeeId;
    private String supervisorId;

    protected Employee() {
    }

    /** Created by {@link OrgDirectory}, which first checks the supervisor against the other employees. */
    Employee(RegisterEmployee command, Clock clock) {
        if (command.role() == null || command.role().isBlank()) {
            throw new DomainRuleBroken("role", "role is required");
        }
        try {
            ZoneId.of(command.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            throw new DomainRuleBroken("timeZone", "timeZone '" + command.timeZone()
                    + "' is not an IANA time zone such as Asia/Shanghai");
        }
        if (command.employeeId().equals(command.supervisorId())) {
            throw new DomainRuleBroken("supervisorId", "an employee cannot report to themself");
        }
        apply(new EmployeeRegistered(command.employeeId(), command.name(), command.role(), command.supervisorId(),
                command.timeZone(), command.registeredBy(), clock.instant()));
    }

    @EventSourcingHandler
    void on(EmployeeRegistered event) {
        this.employeeId = event.employeeId();
        this.supervisorId = event.supervisorId();
    }

    String supervisorId() {
        return supervisorId;
    }
}
