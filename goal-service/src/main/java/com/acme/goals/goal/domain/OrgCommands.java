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

    /**
     * Several hires in one unit of work (a poll of HR's feed), in order; the answer names those registered now or
     * before. One that waits for its supervisor or breaks a rule is left out, for the one-at-a-time command to answer.
     */
    public record RegisterEmployees(java.util.List<RegisterEmployee> employees) {
    }

    /** What a {@link RegisterEmployees} did: who is registered now, and who was before. */
    public record Registrations(java.util.List<String> registered, java.util.List<String> already) {
    }

    private OrgCommands() {
    }
}
