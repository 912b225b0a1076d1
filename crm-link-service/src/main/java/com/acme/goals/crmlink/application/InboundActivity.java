package com.acme.goals.crmlink.application;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.crm.ActivityCatalogue;

import com.acme.goals.crmlink.domain.CheckedActivity;

import com.acme.goals.platform.messaging.InboundContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;

/**
 * Reads one inbound CloudEvent and checks it against the JSON Schema of its type, then what a schema cannot say.
 * Every refusal names the field and the rule, so the sender can fix it from the dead-letter record alone.
 */
@Component
public final class InboundActivity {

    /** The event broke the contract. */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    static final Duration MAX_AHEAD = Duration.ofDays(1);

    private final InboundContract contract;
    private final ObjectMapper json;
    private final Clock clock;

    public InboundActivity(InboundContract contract, ObjectMapper json, Clock clock) {
        this.contract = contract;
        this.json = json;
        this.clock = clock;
    }

    public CheckedActivity check(byte[] bytes) throws Rejected {
        if (bytes == null || bytes.length == 0) {
            throw new Rejected("body: empty, expected a CloudEvents JSON object");
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            throw new Rejected("body: not JSON (" + shortMessage(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new Rejected("body: not a CloudEvent, expected a JSON object");
        }
        if (!"1.0".equals(root.path("specversion").asText(null))) {
            throw new Rejected("specversion: must be \"1.0\"");
        }
        String type = root.path("type").isTextual() ? root.get("type").asText() : "";
        ActivityCatalogue.Kind kind = ActivityCatalogue.of(type).orElseThrow(() -> new Rejected(
                "type: unknown type '" + clip(type) + "', expected one of " + contract.types("crm.")));
        List<String> violations = contract.violations(type, root);
        if (!violations.isEmpty()) {
            throw new Rejected(String.join("; ", violations));
        }
        // what a schema cannot say: the time's distance from now, and whether a well-formed code is a real currency
        Instant time = time(root.get("time").asText());
        JsonNode data = root.get("data");
        BigDecimal amount = null;
        String currency = null;
        if (kind.money()) {
            amount = new BigDecimal(data.get("amount").asText());
            currency = currency(data.get("currency").asText());
        }
        return new CheckedActivity(root.get("source").asText(), root.get("id").asText(), type, textOrNull(root, "subject"), time,
                data.get("ownerId").asText(), textOrNull(data, "customerId"), data.get(kind.recordIdField()).asText(),
                amount, currency, kind, textOrNull(data, "actionId"));
    }

    private Instant time(String value) throws Rejected {
        Instant time;
        try {
            time = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Rejected("time: '" + clip(value) + "' is not an RFC 3339 timestamp such as 2026-11-24T10:15:00+08:00");
        }
        if (time.isAfter(clock.instant().plus(MAX_AHEAD))) {
            throw new Rejected("time: " + value + " is more than a day in the future");
        }
        return time;
    }

    private static String currency(String value) throws Rejected {
        try {
            Currency.getInstance(value);
        } catch (IllegalArgumentException e) {
            throw new Rejected("data.currency: '" + value + "' is not an ISO 4217 currency");
        }
        return value;
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String clip(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }

    private static String shortMessage(IOException e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf('\n');
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
