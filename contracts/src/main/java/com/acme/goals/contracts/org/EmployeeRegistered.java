package com.acme.goals.contracts.org;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/**
 * An employee joined the org chart. {@code supervisorId} is null for the top of the chart; {@code joinedOn}, added
 * in version 1 as optional, is the hire date (reports are expected from then on).
 */
public record EmployeeRegistered(String employeeId, String name, String role, String supervisorId,
                                 String timeZone, String registeredBy, Instant registeredAt, java.time.LocalDate joinedOn)
        implements DomainEvent {

    /** Without {@code joinedOn} (the hire date): the day of registration. */
    public EmployeeRegistered(String employeeId, String name, String role, String supervisorId, String timeZone,
                              String registeredBy, Instant registeredAt) {
        this(employeeId, name, role, supervisorId, timeZone, registeredBy, registeredAt, null);
    }

    @Override
    public String partitionKey() {
        return employeeId;
    }
}
