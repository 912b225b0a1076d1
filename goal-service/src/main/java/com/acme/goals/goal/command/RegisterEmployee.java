package com.acme.goals.goal.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterEmployee(@TargetAggregateIdentifier String employeeId, String name, String role,
                               String supervisorId, String timeZone, String registeredBy,
                               java.time.LocalDate joinedOn) {

    public RegisterEmployee(String employeeId, String name, String role, String supervisorId, String timeZone,
                            String registeredBy) {
        this(employeeId, name, role, supervisorId, timeZone, registeredBy, null);
    }
}

