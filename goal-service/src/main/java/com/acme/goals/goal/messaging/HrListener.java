package com.acme.goals.goal.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.goal.command.OrgCommands;
import com.acme.goals.goal.command.RegisterEmployee;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.messaging.InboundContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HR's CloudEvents on {@code org.activity} (hr.employee.hired / moved / left) change the org directory under the
 * same rules as the API. A refused event goes to {@code org.activity.dlq} with the reason and its original bytes;
 * one that is already so (hired twice, left twice) changes nothing.
 */
public class HrListener {

    private static final Logger log = LoggerFactory.getLogger(HrListener.class);
    private final CommandGateway commands;
    private final ObjectMapper json;
    private final Producer<String, byte[]> producer;
    private final MongoCollection<Document> waiting;
    private final InboundContract contract;

    public HrListener(CommandGateway commands, InboundContract contract, ObjectMapper json, Producer<String, byte[]> producer,
                      MongoDatabase database) {
        this.commands = commands;
        this.contract = contract;
        this.json = json;
        this.producer = producer;
        this.waiting = database.getCollection("hr_waiting_for_supervisor");
    }

    @KafkaListener(topics = Topics.ORG_ACTIVITY, groupId = "${spring.application.name}.hr")
    public void on(ConsumerRecord<String, byte[]> record) throws Exception {
        try {
            String hired = apply(record.value());
            if (hired != null) {
                releaseWaitingFor(hired);
            }
        } catch (SupervisorNotYetHired e) {
            // HR's records are keyed by record id: a hire may overtake its supervisor's on another partition
            waiting.replaceOne(Filters.eq("_id", e.employeeId), new Document("_id", e.employeeId)
                    .append("supervisorId", e.supervisorId).append("event", new Binary(record.value())), new ReplaceOptions().upsert(true));
            log.info("hire of {} waits for supervisor {}", e.employeeId, e.supervisorId);
        } catch (DomainRuleBroken | NotFound | IllegalArgumentException e) {
            deadLetter(record, e.getMessage());
        } catch (Conflict alreadySo) {
            log.info("hr event {}@{} changes nothing: {}", record.partition(), record.offset(), alreadySo.getMessage());
        }
    }

    /** Applies the hires that waited for this supervisor, and, in turn, those waiting for them. */
    private void releaseWaitingFor(String supervisorId) {
        for (Document w : waiting.find(Filters.eq("supervisorId", supervisorId))) {
            waiting.deleteOne(Filters.eq("_id", w.getString("_id")));
            try {
                String hired = apply(w.get("event", Binary.class).getData());
                if (hired != null) {
                    releaseWaitingFor(hired);
                }
            } catch (Conflict alreadySo) {
                log.info("waiting hire of {} was already applied", w.getString("_id"));
            }
        }
    }

    private static final class SupervisorNotYetHired extends RuntimeException {
        final String employeeId;
        final String supervisorId;

        SupervisorNotYetHired(String employeeId, String supervisorId) {
            super(null, null, false, false);
            this.employeeId = employeeId;
            this.supervisorId = supervisorId;
        }
    }

    /** Applies one HR event; returns the employee id when it was a hire. */
    private String apply(byte[] bytes) {
        JsonNode event;
        try {
            event = json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("body: not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("body: not a CloudEvent, expected a JSON object");
        }
        String type = event.path("type").asText("");
        if (!contract.types("hr.").contains(type)) {
            throw new IllegalArgumentException("type: unknown type '" + type + "', expected one of " + contract.types("hr."));
        }
        List<String> violations = contract.violations(type, event);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", violations));
        }
        String source = text(event, "source", "");
        JsonNode data = event.path("data");
        String by = "hr:" + source;
        switch (type) {
            case "hr.employee.hired" -> {
                String zone = text(data, "timeZone", "data.");
                java.time.LocalDate joinedOn = null;
                if (event.hasNonNull("time")) {
                    try {
                        joinedOn = OffsetDateTime.parse(event.get("time").asText()).atZoneSameInstant(ZoneId.of(zone)).toLocalDate();
                    } catch (java.time.DateTimeException e) {
                        throw new IllegalArgumentException("time: not an RFC 3339 timestamp, or data.timeZone is not an IANA zone");
                    }
                }
                String employeeId = text(data, "employeeId", "data.");
                String supervisorId = data.hasNonNull("supervisorId") ? text(data, "supervisorId", "data.") : null;
                try {
                    commands.sendAndWait(new RegisterEmployee(employeeId, text(data, "name", "data."), text(data, "role", "data."),
                            supervisorId, zone, by, joinedOn));
                } catch (DomainRuleBroken e) {
                    if ("supervisorId".equals(e.field()) && e.getMessage().endsWith("is not registered")) {
                        throw new SupervisorNotYetHired(employeeId, supervisorId);
                    }
                    throw e;
                }
                log.info("hr event {} applied", type);
                return employeeId;
            }
            case "hr.employee.moved" -> commands.sendAndWait(new OrgCommands.MoveEmployee(text(data, "employeeId", "data."),
                    text(data, "supervisorId", "data."), by));
            case "hr.employee.left" -> commands.sendAndWait(new OrgCommands.RecordLeaving(text(data, "employeeId", "data."), by));
            default -> throw new IllegalStateException("a schema without a handler: " + type);
        }
        log.info("hr event {} applied", type);
        return null;
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(prefix + field + ": required, a non-blank string");
        }
        return value.asText();
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) throws Exception {
        log.warn("rejected hr event {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(Topics.ORG_ACTIVITY), record.key(), record.value());
        record.headers().forEach(h -> dead.headers().add(h));
        dead.headers().add("dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dlq-origin", (record.topic() + "/" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(dead).get(30, TimeUnit.SECONDS);
    }
}
