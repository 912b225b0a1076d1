package com.acme.goals.crmlink.command;

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
import java.util.regex.Pattern;

/**
 * Reads one inbound CloudEvent and checks it against the contract. Every refusal names the field and the rule,
 * so the sender can fix it from the dead-letter record alone.
 */
public final class InboundActivity {

    /** What came in, checked: the envelope and the fields the pipeline needs. */
    public record Checked(String source, String id, String type, String subject, Instant time, String ownerId,
                          String customerId, String recordId, BigDecimal amount, String currency,
                          ActivityCatalogue.Kind kind, String actionId) {
        /** Identifies the event across both transports and every re-delivery. */
        public String dedupeKey() {
            return source + "|" + id;
        }
    }

    /** The event broke the contract. */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    static final int MAX_TEXT = 200;
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,4})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final ObjectMapper json;
    private final Clock clock;

    public InboundActivity(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public Checked check(byte[] bytes) throws Rejected {
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
        String specversion = text(root, "specversion", "");
        if (!"1.0".equals(specversion)) {
            throw new Rejected("specversion: must be \"1.0\"");
        }
        String id = text(root, "id", "");
        String source = text(root, "source", "");
        String type = text(root, "type", "");
        String subject = optionalText(root, "subject", "");
        ActivityCatalogue.Kind kind = ActivityCatalogue.of(type)
                .orElseThrow(() -> new Rejected("type: unknown type '" + clip(type) + "', expected one of " + ActivityCatalogue.types()));
        Instant time = time(root);

        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new Rejected("data: required, a JSON object");
        }
        for (String field : kind.required()) {
            if (!field.equals("amount")) { // amounts get their own, more telling, check below
                text(data, field, "data.");
            }
        }
        BigDecimal amount = null;
        String currency = null;
        if (kind.money()) {
            amount = amount(data);
            currency = currency(data);
        }
        String customerId = data.hasNonNull("customerId") ? text(data, "customerId", "data.") : null;
        String actionId = data.hasNonNull("actionId") ? text(data, "actionId", "data.") : null;
        return new Checked(source, id, type, subject, time, text(data, "ownerId", "data."), customerId,
                text(data, kind.recordIdField(), "data."), amount, currency, kind, actionId);
    }

    private Instant time(JsonNode root) throws Rejected {
        String value = text(root, "time", "");
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

    private static BigDecimal amount(JsonNode data) throws Rejected {
        JsonNode node = data.get("amount");
        if (node == null || node.isNull()) {
            throw new Rejected("data.amount: required");
        }
        if (!node.isTextual()) {
            throw new Rejected("data.amount: must be a decimal string such as \"125000.00\", not a JSON number");
        }
        String value = node.asText();
        if (!DECIMAL.matcher(value).matches()) {
            throw new Rejected("data.amount: '" + clip(value) + "' is not a decimal with at most 15 digits and 4 decimals");
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.signum() < 0) {
            throw new Rejected("data.amount: " + value + " is negative; amounts must be zero or more");
        }
        return amount;
    }

    private static String currency(JsonNode data) throws Rejected {
        String value = data.get("currency").asText();
        if (!CURRENCY.matcher(value).matches()) {
            throw new Rejected("data.currency: '" + clip(value) + "' is not an ISO 4217 code such as CNY");
        }
        try {
            Currency.getInstance(value);
        } catch (IllegalArgumentException e) {
            throw new Rejected("data.currency: '" + value + "' is not an ISO 4217 currency");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String prefix) throws Rejected {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Rejected(prefix + field + ": required");
        }
        if (!value.isTextual()) {
            throw new Rejected(prefix + field + ": must be a string");
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw new Rejected(prefix + field + ": must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw new Rejected(prefix + field + ": longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static String optionalText(JsonNode node, String field, String prefix) throws Rejected {
        return node.hasNonNull(field) ? text(node, field, prefix) : null;
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
