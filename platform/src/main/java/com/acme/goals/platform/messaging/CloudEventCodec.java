package com.acme.goals.platform.messaging;

import com.acme.goals.contracts.DomainEvent;
import com.acme.goals.contracts.EventTypes;
import com.acme.goals.contracts.EventTypes.EventType;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Domain events to and from CloudEvents 1.0 JSON (structured mode), with stable {@code type} names from
 * {@link EventTypes} and a {@code dataschemaversion} extension.
 */
public class CloudEventCodec {

    public static final String CONTENT_TYPE = io.cloudevents.jackson.JsonFormat.CONTENT_TYPE;
    /**
     * The event's type beside the structured body, as the Kafka binding's binary mode names it: a feed skips a type it
     * does not handle without reading the record.
     */
    public static final String TYPE_HEADER = "ce_type";

    /**
     * The planned action an {@code ActivityRecorded} completes, beside the body; empty when it completes none. Only
     * goal-service's action completions need it, and one activity in many carries an action: the rest are passed over
     * unread. A record without the header (written before it existed) says nothing and is read.
     */
    public static final String ACTION_HEADER = "ce_actionid";

    /** The headers of a record that carries {@code event} in structured mode: its content type and its type. */
    public static void describe(Headers headers, DomainEvent event) {
        headers.add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        EventTypes.byClass(event.getClass()).ifPresent(type ->
                headers.add(TYPE_HEADER, type.name().getBytes(StandardCharsets.UTF_8)));
        if (event instanceof ActivityRecorded activity) {
            headers.add(ACTION_HEADER, activity.actionId() == null ? new byte[0]
                    : activity.actionId().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether the record's headers say it completes no planned action (false when they do not say). */
    public static boolean completesNoAction(Headers headers) {
        Header action = headers.lastHeader(ACTION_HEADER);
        return action != null && (action.value() == null || action.value().length == 0);
    }

    private final ObjectMapper objectMapper;

    public CloudEventCodec(ObjectMapper objectMapper) {
        // money must survive the trip exactly: decimals as strings out, BigDecimal (never double) in
        ObjectMapper exact = objectMapper.copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        exact.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        this.objectMapper = exact;
    }

    /**
     * An event read from a topic: the envelope, and the data either as read into its contract record ({@code event}, a
     * type of ours whose data followed its type) or as the raw tree ({@code data}, anything else).
     */
    public record Envelope(String id, String source, String type, String subject, Instant time, JsonNode data,
                           String dataSchemaVersion, Long sequence, DomainEvent event) {
    }

    /**
     * The event as a structured-mode CloudEvents 1.0 JSON document, written in one pass. (The SDK's builder wrote the
     * data to bytes, then parsed them back into the envelope: a third of crm-link's time per record, issue 18.)
     */
    public byte[] encode(DomainEvent event, String eventId, String subject, Instant time, Long sequence) {
        EventType type = EventTypes.byClass(event.getClass())
                .orElseThrow(() -> new IllegalArgumentException("no published type for " + event.getClass().getSimpleName()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator json = objectMapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", "1.0");
            json.writeStringField("id", eventId);
            json.writeStringField("source", type.source());
            json.writeStringField("type", type.name());
            json.writeStringField("datacontenttype", "application/json");
            if (subject != null) {
                json.writeStringField("subject", subject);
            }
            json.writeStringField("time", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(time, ZoneOffset.UTC)));
            json.writeStringField("dataschemaversion", type.schemaVersion());
            if (sequence != null) {
                json.writeStringField("sequence", String.valueOf(sequence));
            }
            json.writeFieldName("data");
            objectMapper.writeValue(json, event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + type.name() + " " + eventId, e);
        }
        return out.toByteArray();
    }

    /**
     * Reads the envelope of a structured-mode CloudEvents 1.0 JSON document in one pass: the data stays the tree it
     * was parsed into (the SDK wrote it back to bytes, which were then parsed again: issue 18).
     *
     * @throws IllegalArgumentException with a reason a person can act on, when the bytes are not a CloudEvent
     */
    public Envelope decode(byte[] bytes) {
        Envelope read = readStraight(bytes);
        return read != null ? read : readAsTree(bytes);
    }

    /**
     * The usual case in one streaming pass: one of our types, named before its data (as {@link #encode} writes it), the
     * data read straight into its record instead of into a tree first and from the tree into the record (that was most of
     * report-service's CPU under load, issue 18). Null for anything else, which the tree reading then handles, with its
     * checks and its reasons.
     */
    private Envelope readStraight(byte[] bytes) {
        try (JsonParser json = objectMapper.createParser(bytes)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, String> attributes = new HashMap<>();
            DomainEvent event = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (name.equals("data")) {
                    Optional<EventType> type = Optional.ofNullable(attributes.get("type")).flatMap(EventTypes::byName);
                    if (event != null || type.isEmpty() || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    event = (DomainEvent) objectMapper.readValue(json, type.get().javaType());
                } else if (name.equals("data_base64") || attributes.containsKey(name) || (event != null && name.equals("type"))) {
                    return null;
                } else if (value.isScalarValue()) {
                    attributes.put(name, value == JsonToken.VALUE_NULL ? null : json.getValueAsString());
                } else {
                    json.skipChildren(); // an extension that is not a string: not one the envelope keeps
                }
            }
            String id = attributes.get("id");
            String source = attributes.get("source");
            String time = attributes.get("time");
            String sequence = attributes.get("sequence");
            if (event == null || !"1.0".equals(attributes.get("specversion")) || id == null || id.isEmpty()
                    || source == null || source.isEmpty() || (sequence != null && !sequence.chars().allMatch(Character::isDigit))) {
                return null;
            }
            return new Envelope(id, source, attributes.get("type"), attributes.get("subject"),
                    time == null ? null : OffsetDateTime.parse(time).toInstant(), null, attributes.get("dataschemaversion"),
                    sequence == null ? null : Long.valueOf(sequence), event);
        } catch (IOException | RuntimeException e) {
            return null; // not the usual case: the tree reading says what is wrong
        }
    }

    private Envelope readAsTree(byte[] bytes) {
        JsonNode root;
        try {
            root = objectMapper.readTree(bytes);
        } catch (IOException e) {
            throw notACloudEvent(rootMessage(e));
        }
        if (root == null || !root.isObject()) {
            throw notACloudEvent("the body is not a JSON object");
        }
        String specVersion = text(root, "specversion");
        if (!"1.0".equals(specVersion)) {
            throw notACloudEvent(specVersion == null ? "specversion is missing" : "specversion " + specVersion + " is not 1.0");
        }
        String id = required(root, "id");
        String source = required(root, "source");
        String type = required(root, "type");
        Instant time = null;
        String timeText = text(root, "time");
        if (timeText != null) {
            try {
                time = OffsetDateTime.parse(timeText).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw notACloudEvent("time '" + timeText + "' is not an RFC 3339 timestamp");
            }
        }
        JsonNode data = root.get("data");
        if (data == null && root.hasNonNull("data_base64")) {
            try {
                data = objectMapper.readTree(Base64.getDecoder().decode(root.get("data_base64").asText()));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("data: is not JSON");
            }
        }
        if (data != null && data.isNull()) {
            data = null;
        }
        String sequence = text(root, "sequence");
        Long sequenceNumber;
        try {
            sequenceNumber = sequence == null ? null : Long.valueOf(sequence);
        } catch (NumberFormatException e) {
            throw notACloudEvent("sequence '" + sequence + "' is not a number");
        }
        return new Envelope(id, source, type, text(root, "subject"), time, data, text(root, "dataschemaversion"), sequenceNumber, null);
    }

    private static String text(JsonNode root, String attribute) {
        JsonNode value = root.get(attribute);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode root, String attribute) {
        String value = text(root, attribute);
        if (value == null || value.isEmpty()) {
            throw notACloudEvent("the required attribute " + attribute + " is missing");
        }
        return value;
    }

    private static IllegalArgumentException notACloudEvent(String reason) {
        return new IllegalArgumentException("not a CloudEvents 1.0 JSON event: " + reason);
    }

    /** The data of a published event as its contract record, when the type is one of ours. */
    public Optional<DomainEvent> payload(Envelope envelope) {
        if (envelope.event() != null) {
            return Optional.of(envelope.event());
        }
        return EventTypes.byName(envelope.type()).map(t -> {
            try {
                return objectMapper.treeToValue(envelope.data(), t.javaType());
            } catch (IOException e) {
                throw new IllegalArgumentException("data of " + envelope.type() + " " + envelope.id()
                        + " does not match its contract: " + rootMessage(e));
            }
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // Jackson appends the whole source to some messages; the reason stays short
        int cut = message.indexOf("\n at [Source");
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
