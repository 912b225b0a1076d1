package com.acme.goals.goal.domain;

import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
    private final Registered registered;
    private final Clock clock;

    /** Which of some employees are registered (have events in the store), without reading their events. */
    @FunctionalInterface
    public interface Registered {

        java.util.Set<String> among(java.util.Collection<String> employeeIds);

        /** One look per employee at the last sequence number of their events. */
        static Registered in(EventStore events) {
            return ids -> {
                Set<String> found = new HashSet<>();
                for (String id : ids) {
                    try {
                        events.lastSequenceNumberFor(id).ifPresent(last -> found.add(id));
                    } catch (AggregateNotFoundException none) { // how Axon's test fixture says "no events"
                        // not registered
                    }
                }
                return found;
            };
        }
    }

    public OrgDirectory(Repository<Employee> employees, Registered registered, Clock clock) {
        this.employees = employees;
        this.registered = registered;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(OrgCommands.RegisterEmployee command) throws Exception {
        Employee.check(command); // first: a hire under themself is refused, not left waiting for themself
        if (command.supervisorId() != null && !exists(command.supervisorId())) {
            throw new SupervisorNotRegistered(command.supervisorId());
        }
        if (exists(command.employeeId())) {
            throw new Conflict("employee " + command.employeeId() + " is already registered");
        }
        employees.newInstance(() -> new Employee(command, clock));
        return command.employeeId();
    }

    /**
     * A batch of hires in one unit of work: who of them and their supervisors is registered is one look before the
     * first hire, and their events are stored in one write.
     */
    @CommandHandler
    public OrgCommands.Registrations handle(OrgCommands.RegisterEmployees command) throws Exception {
        Set<String> named = new HashSet<>();
        command.employees().forEach(hire -> {
            named.add(hire.employeeId());
            if (hire.supervisorId() != null) {
                named.add(hire.supervisorId());
            }
        });
        Set<String> known = new HashSet<>(registered.among(named)); // and, as it goes, those registered in this batch
        List<String> now = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (OrgCommands.RegisterEmployee hire : command.employees()) {
            try {
                Employee.check(hire);
            } catch (DomainRuleBroken broken) {
                continue;
            }
            if (hire.supervisorId() != null && !known.contains(hire.supervisorId())) {
                continue; // waits for the supervisor
            }
            if (!known.add(hire.employeeId())) {
                already.add(hire.employeeId());
                continue;
            }
            employees.newInstance(() -> new Employee(hire, clock));
            now.add(hire.employeeId());
        }
        return new OrgCommands.Registrations(now, already);
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

    /** Whether the employee is registered, without reading their events. */
    public boolean exists(String employeeId) {
        return registered.among(List.of(employeeId)).contains(employeeId);
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
