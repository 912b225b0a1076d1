package com.acme.goals.goal.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.Topics;
import com.acme.goals.goal.domain.OrgCommands;
import com.acme.goals.goal.domain.OrgCommands.RegisterEmployee;
import com.acme.goals.goal.domain.SupervisorNotRegistered;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.feed.BadRecord;
import com.acme.goals.platform.feed.EventFeed;
import com.acme.goals.platform.feed.NotKnownYet;
import com.acme.goals.platform.messaging.InboundContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * HR's CloudEvents on {@code org.activity} (hr.employee.hired / moved / left) change the org directory under the
 * same rules as the API. A refused event goes to {@code org.activity.dlq} with the reason and its original bytes;
 * one that is already so (hired twice, left twice) changes nothing. HR keys its records by record id, so a hire may
 * overtake its supervisor's on another partition, and a move may overtake the hire: such an event is parked until the
 * employee it names is hired, and each hire (or a hire delivered again) releases what waits for that employee.
 */
@Component
public class HrListener extends EventFeed {

    private static final Logger log = LoggerFactory.getLogger(HrListener.class);
    private static final String HIRED = "hr.employee.hired";
    private final CommandGateway commands;
    private final ObjectMapper json;
    private final InboundContract contract;

    public HrListener(CommandGateway commands, InboundContract contract, ObjectMapper json) {
        super("hr", Topics.ORG_ACTIVITY);
        this.commands = commands;
        this.contract = contract;
        this.json = json;
        onRecord(record -> {
            String hired = apply(record.value());
            if (hired != null) {
                feeds().release(employee(hired));
            }
        });
        onBatch(this::applyAll);
    }

    /**
     * A poll's records in order: each run of well-formed hires goes as one command (a first import is thousands of
     * them), everything else, and any hire of a run that waits for its supervisor or breaks a rule, one at a time as
     * {@link #apply} handles it, so it is parked or dead-lettered with the same reason.
     */
    private void applyAll(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<ConsumerRecord<String, byte[]>> run = new ArrayList<>();
        List<RegisterEmployee> hires = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            RegisterEmployee hire = hireIn(record.value());
            if (hire != null) {
                run.add(record);
                hires.add(hire);
                continue;
            }
            register(run, hires);
            run.clear();
            hires.clear();
            handleOne(record);
        }
        register(run, hires);
    }

    private void register(List<ConsumerRecord<String, byte[]>> run, List<RegisterEmployee> hires) throws Exception {
        if (hires.size() > 1) {
            OrgCommands.Registrations done = commands.sendAndWait(new OrgCommands.RegisterEmployees(List.copyOf(hires)));
            Set<String> registered = new HashSet<>(done.registered());
            Set<String> already = new HashSet<>(done.already());
            for (int i = 0; i < hires.size(); i++) {
                String id = hires.get(i).employeeId();
                if (registered.remove(id)) {
                    log.info("hr event {} applied: {} hired", HIRED, id);
                } else if (already.contains(id)) {
                    log.info("hr event {} changes nothing: employee {} is already registered", HIRED, id);
                } else {
                    handleOne(run.get(i));
                }
            }
            List<String> known = new ArrayList<>(done.registered());
            known.addAll(done.already());
            feeds().release(known.stream().map(HrListener::employee).toList());
        } else if (hires.size() == 1) {
            handleOne(run.get(0));
        }
    }

    /** The registration a record asks for, when it is a hire that reads well; null for anything else. */
    private RegisterEmployee hireIn(byte[] bytes) {
        try {
            JsonNode event = read(bytes);
            return HIRED.equals(event.path("type").asText()) ? registration(event) : null;
        } catch (BadRecord notWellFormed) {
            return null;
        }
    }

    private static String employee(String id) {
        return "employee:" + id;
    }

    /** Applies one HR event; returns the employee id when it was a hire (applied now or already). */
    private String apply(byte[] bytes) {
        JsonNode event = read(bytes);
        String type = event.path("type").asText("");
        String by = "hr:" + text(event, "source", "");
        if (!HIRED.equals(type)) {
            applyChange(type, event.path("data"), by);
            return null;
        }
        RegisterEmployee hire = registration(event);
        try {
            commands.sendAndWait(hire);
            log.info("hr event {} applied: {} hired", type, hire.employeeId());
        } catch (DomainRuleBroken e) {
            throw waitingForSupervisor(e);
        } catch (Conflict alreadyHired) {
            log.info("hr event {} changes nothing: {}", type, alreadyHired.getMessage());
        }
        return hire.employeeId();
    }

    /** The record as a CloudEvent of HR's that its schema accepts. */
    private JsonNode read(byte[] bytes) {
        JsonNode event;
        try {
            event = json.readTree(bytes);
        } catch (IOException e) {
            throw new BadRecord("body: not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new BadRecord("body: not a CloudEvent, expected a JSON object");
        }
        String type = event.path("type").asText("");
        if (!contract.types("hr.").contains(type)) {
            throw new BadRecord("type: unknown type '" + type + "', expected one of " + contract.types("hr."));
        }
        List<String> violations = contract.violations(type, event);
        if (!violations.isEmpty()) {
            throw new BadRecord(String.join("; ", violations));
        }
        return event;
    }

    /** A hire's registration, as the record reads (its rules against the chart are the command's). */
    private static RegisterEmployee registration(JsonNode event) {
        JsonNode data = event.path("data");
        String zone = text(data, "timeZone", "data.");
        java.time.LocalDate joinedOn = null;
        if (event.hasNonNull("time")) {
            try {
                joinedOn = OffsetDateTime.parse(event.get("time").asText()).atZoneSameInstant(ZoneId.of(zone)).toLocalDate();
            } catch (java.time.DateTimeException e) {
                throw new BadRecord("time: not an RFC 3339 timestamp, or data.timeZone is not an IANA zone");
            }
        }
        String supervisorId = data.hasNonNull("supervisorId") ? text(data, "supervisorId", "data.") : null;
        return new RegisterEmployee(text(data, "employeeId", "data."), text(data, "name", "data."), text(data, "role", "data."),
                supervisorId, zone, "hr:" + text(event, "source", ""), joinedOn);
    }

    /** Applies one HR event other than a hire. */
    private void applyChange(String type, JsonNode data, String by) {
        switch (type) {
            case "hr.employee.moved" -> {
                String employeeId = text(data, "employeeId", "data.");
                String supervisorId = text(data, "supervisorId", "data.");
                try {
                    commands.sendAndWait(new OrgCommands.MoveEmployee(employeeId, supervisorId, by));
                } catch (NotFound notYetHired) {
                    throw new NotKnownYet(employee(employeeId), "data.employeeId: " + notYetHired.getMessage() + " yet");
                } catch (DomainRuleBroken e) {
                    throw waitingForSupervisor(e);
                } catch (Conflict alreadySo) {
                    log.info("hr event {} changes nothing: {}", type, alreadySo.getMessage());
                }
            }
            case "hr.employee.left" -> {
                String employeeId = text(data, "employeeId", "data.");
                try {
                    commands.sendAndWait(new OrgCommands.RecordLeaving(employeeId, by));
                } catch (NotFound notYetHired) {
                    throw new NotKnownYet(employee(employeeId), "data.employeeId: " + notYetHired.getMessage() + " yet");
                } catch (Conflict alreadySo) {
                    log.info("hr event {} changes nothing: {}", type, alreadySo.getMessage());
                }
            }
            default -> throw new IllegalStateException("a schema without a handler: " + type);
        }
        log.info("hr event {} applied", type);
    }

    /** A supervisor not hired yet is worth waiting for; any other broken rule is the record's fault. */
    private static RuntimeException waitingForSupervisor(DomainRuleBroken e) {
        if (e instanceof SupervisorNotRegistered notYet) {
            return new NotKnownYet(employee(notYet.supervisorId()), "data.supervisorId: " + e.getMessage() + " yet");
        }
        return new BadRecord("data." + e.field() + ": " + e.getMessage());
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadRecord(prefix + field + ": required, a non-blank string");
        }
        return value.asText();
    }
}
