package com.acme.goals.goal.domain;

import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.acme.goals.platform.errors.Conflict;
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
    private boolean left;

    protected Employee() {
    }

    /** Created by {@link OrgDirectory}, which first checks the supervisor against the other employees. */
    Employee(OrgCommands.RegisterEmployee command, Clock clock) {
        check(command);
        apply(new EmployeeRegistered(command.employeeId(), command.name(), command.role(), command.supervisorId(),
                command.timeZone(), command.registeredBy(), clock.instant(), command.joinedOn()));
    }

    /** The rules a registration must keep on its own, whoever else is in the chart. */
    static void check(OrgCommands.RegisterEmployee command) {
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
    }

    /** Moves the employee under another supervisor; {@link OrgDirectory} has checked the new line for cycles. */
    void move(String newSupervisorId, String changedBy, Clock clock) {
        requirePresent();
        if (employeeId.equals(newSupervisorId)) {
            throw new DomainRuleBroken("supervisorId", "an employee cannot report to themself");
        }
        if (newSupervisorId.equals(supervisorId)) {
            return; // already so: nothing happened
        }
        apply(new ReportingLineChanged(employeeId, supervisorId, newSupervisorId, changedBy, clock.instant()));
    }

    void leave(String recordedBy, Clock clock) {
        requirePresent();
        apply(new EmployeeLeft(employeeId, recordedBy, clock.instant()));
    }

    private void requirePresent() {
        if (left) {
            throw new Conflict("employee " + employeeId + " has left; their history is kept but nothing changes");
        }
    }

    @EventSourcingHandler
    void on(EmployeeRegistered event) {
        this.employeeId = event.employeeId();
        this.supervisorId = event.supervisorId();
    }

    @EventSourcingHandler
    void on(ReportingLineChanged event) {
        this.supervisorId = event.supervisorId();
    }

    @EventSourcingHandler
    void on(EmployeeLeft event) {
        this.left = true;
    }

    String supervisorId() {
        return supervisorId;
    }

    boolean hasLeft() {
        return left;
    }
}
