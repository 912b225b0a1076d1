package com.acme.goals.goal.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an existing employee. */
public final class OrgCommands {

    public record MoveEmployee(@TargetAggregateIdentifier String employeeId, String supervisorId, String changedBy) {
    }

    public record RecordLeaving(@TargetAggregateIdentifier String employeeId, String recordedBy) {
    }

    private OrgCommands() {
    }
}
