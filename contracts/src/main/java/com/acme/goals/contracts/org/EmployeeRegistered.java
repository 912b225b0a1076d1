package com.acme.goals.contracts.org;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** An employee joined the org chart. {@code supervisorId} is null for the top of the chart. */
public record EmployeeRegistered(String employeeId, String name, String role, String supervisorId,
                                 String timeZone, String registeredBy, Instant registeredAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return employeeId;
    }
}
