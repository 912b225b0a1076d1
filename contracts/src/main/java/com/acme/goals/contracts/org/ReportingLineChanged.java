package com.acme.goals.contracts.org;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/** An employee now reports to another supervisor, from {@code changedAt} on; the earlier line stays in history. */
public record ReportingLineChanged(String employeeId, String previousSupervisorId, String supervisorId, String changedBy,
                                   Instant changedAt) implements DomainEvent {
    @Override
    public String partitionKey() {
        return employeeId;
    }
}
