package com.acme.goals.contracts.org;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** An employee left the company; their history (goals, reports, scores, reporting lines) is kept. */
public record EmployeeLeft(String employeeId, String recordedBy, Instant leftAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return employeeId;
    }
}
