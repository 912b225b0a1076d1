package com.acme.goals.goal.domain;

import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules that span employees: a supervisor must exist, and reporting lines are walked on the write model
 * (the event-sourced employees), so a check never races a read model.
 */
public class OrgDirectory {

    private final Repository<Employee> employees;
    private final Clock clock;

    public OrgDirectory(Repository<Employee> employees, Clock clock) {
        this.employees = employees;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(OrgCommands.RegisterEmployee command) throws Exception {
        if (command.supervisorId() != null && !exists(command.supervisorId())) {
            throw new SupervisorNotRegistered(command.supervisorId());
        }
        if (exists(command.employeeId())) {
            throw new Conflict("employee " + command.employeeId() + " is already registered");
        }
        employees.newInstance(() -> new Employee(command, clock));
        return command.employeeId();
    }

    @CommandHandler
    public void handle(OrgCommands.MoveEmployee command) {
        if (command.supervisorId() == null || command.supervisorId().isBlank()) {
            throw new DomainRuleBroken("supervisorId", "supervisorId is required");
        }
        Aggregate<Employee> employee = load(command.employeeId());
        Aggregate<Employee> supervisor;
        try {
            supervisor = employees.load(command.supervisorId());
        } catch (AggregateNotFoundException e) {
            throw new SupervisorNotRegistered(command.supervisorId());
        }
        if (supervisor.invoke(Employee::hasLeft)) {
            throw new DomainRuleBroken("supervisorId", "supervisor " + command.supervisorId() + " has left");
        }
        List<String> above = chainAbove(command.supervisorId());
        if (above.contains(command.employeeId())) {
            throw new DomainRuleBroken("supervisorId", "moving " + command.employeeId() + " under " + command.supervisorId()
                    + " would make a cycle: " + command.supervisorId() + " already reports (through "
                    + String.join(" → ", above.subList(0, above.indexOf(command.employeeId()) + 1)) + ") to "
                    + command.employeeId());
        }
        employee.execute(e -> e.move(command.supervisorId(), command.changedBy(), clock));
    }

    @CommandHandler
    public void handle(OrgCommands.RecordLeaving command) {
        load(command.employeeId()).execute(e -> e.leave(command.recordedBy(), clock));
    }

    /** True when the employee is registered and has not left. */
    public boolean isActive(String employeeId) {
        try {
            return !employees.load(employeeId).invoke(Employee::hasLeft);
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    private Aggregate<Employee> load(String employeeId) {
        try {
            return employees.load(employeeId);
        } catch (AggregateNotFoundException e) {
            throw new NotFound("employee " + employeeId + " is not registered");
        }
    }

    public boolean exists(String employeeId) {
        try {
            employees.load(employeeId);
            return true;
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    /** The supervisors above an employee, nearest first. */
    public List<String> chainAbove(String employeeId) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = supervisorOf(employeeId);
        while (current != null && seen.add(current)) {
            chain.add(current);
            current = supervisorOf(current);
        }
        return chain;
    }

    private String supervisorOf(String employeeId) {
        try {
            return employees.load(employeeId).invoke(Employee::supervisorId);
        } catch (AggregateNotFoundException e) {
            throw new NotFound("employee " + employeeId + " is not registered");
        }
    }
}
