package com.acme.goals.goal.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an existing employee. */
public final class OrgCommands {

    public record MoveEmployee(@TargetAggregateIdentifier String employeeId, String supervisorId, String changedBy) {
    }

    public record RecordLeaving(@TargetAggregateIdentifier String employeeId, String recordedBy) {
    }

    public record RegisterEmployee(@TargetAggregateIdentifier String employeeId, String name, String role,
                                   String supervisorId, String timeZone, String registeredBy,
                                   java.time.LocalDate joinedOn) {

        public RegisterEmployee(String employeeId, String name, String role, String supervisorId, String timeZone,
                                String registeredBy) {
            this(employeeId, name, role, supervisorId, timeZone, registeredBy, null);
        }
    }

    private OrgCommands() {
    }
}
