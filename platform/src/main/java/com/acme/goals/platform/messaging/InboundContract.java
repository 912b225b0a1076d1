package com.acme.goals.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Schemas of the inbound CloudEvent types (contracts {@code schemas/inbound/}), used to check what other
 * systems send. Violations come back as "field: rule" in the order the schema lists the fields, so the first one is
 * the one a sender would fix first.
 */
public final class InboundContract {

    private static final String DIRECTORY = "/schemas/inbound/";

    /** One inbound type's schema, and the order of its fields for ranking violations. */
    public record TypeSchema(String type, JsonSchema schema, List<String> fieldOrder, List<String> requiredData) {
    }

    private final Map<String, TypeSchema> schemas = new LinkedHashMap<>();

    public InboundContract() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (String type : indexedTypes()) {
            try (InputStream in = InboundContract.class.getResourceAsStream(DIRECTORY + type + ".schema.json")) {
                if (in == null) {
                    throw new IllegalStateException("contracts lacks the schema of inbound type " + type);
                }
                JsonSchema schema = factory.getSchema(in, config);
                JsonNode node = schema.getSchemaNode();
                List<String> order = new ArrayList<>();
                node.path("properties").fieldNames().forEachRemaining(order::add);
                node.path("properties").path("data").path("properties").fieldNames().forEachRemaining(f -> order.add("data." + f));
                List<String> required = new ArrayList<>();
                node.path("properties").path("data").path("required").forEach(r -> required.add(r.asText()));
                schemas.put(type, new TypeSchema(type, schema, List.copyOf(order), List.copyOf(required)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The types {@code make_inbound_schemas.py} wrote schemas for, from the index it writes beside them. */
    private static List<String> indexedTypes() {
        try (InputStream in = InboundContract.class.getResourceAsStream(DIRECTORY + "index.json")) {
            if (in == null) {
                throw new IllegalStateException("contracts lacks " + DIRECTORY + "index.json (run make_inbound_schemas.py)");
            }
            List<String> types = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).forEach(t -> types.add(t.asText()));
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inbound types whose type name starts with the prefix ("crm." or "hr."). */
    public Set<String> types(String prefix) {
        Set<String> types = new TreeSet<>();
        schemas.keySet().stream().filter(t -> t.startsWith(prefix)).forEach(types::add);
        return Collections.unmodifiableSet(types);
    }

    public Optional<TypeSchema> schemaOf(String type) {
        return Optional.ofNullable(schemas.get(type));
    }

    /** Checks a parsed CloudEvent of a known type; empty when it keeps the contract. */
    public List<String> violations(String type, JsonNode event) {
        TypeSchema typeSchema = schemas.get(type);
        if (typeSchema == null) {
            return List.of("type: unknown type '" + type + "'");
        }
        List<ValidationMessage> messages = new ArrayList<>(typeSchema.schema().validate(event));
        messages.sort(Comparator.comparingInt((ValidationMessage m) -> rank(typeSchema, field(m)))
                .thenComparing(m -> field(m)));
        List<String> reasons = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String reason = field(m) + ": " + rule(m);
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
        return reasons;
    }

    private static int rank(TypeSchema schema, String field) {
        int at = schema.fieldOrder().indexOf(field);
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    /** The field a violation is about, as "data.amount"; for a missing property, the property itself. */
    private static String field(ValidationMessage m) {
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < m.getInstanceLocation().getNameCount(); i++) {
            Object element = m.getInstanceLocation().getElement(i);
            if (element instanceof Integer index) {
                at.append('[').append(index).append(']');
            } else {
                at.append(at.isEmpty() ? "" : ".").append(element);
            }
        }
        String path = at.toString();
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            return path.isEmpty() ? m.getProperty() : path + "." + m.getProperty();
        }
        return path.isEmpty() ? "body" : path;
    }

    private static String rule(ValidationMessage m) {
        JsonNode value = m.getInstanceNode();
        String field = field(m);
        return switch (m.getType()) {
            case "required" -> "required";
            case "type" -> typeRule(field, m.getSchemaNode(), value);
            case "minLength" -> "must not be blank";
            case "maxLength" -> "longer than " + m.getSchemaNode().asInt() + " characters";
            case "pattern" -> patternRule(field, value);
            case "const" -> "must be \"" + m.getSchemaNode().asText() + "\"";
            case "enum" -> "'" + clip(value) + "' is not one of " + m.getSchemaNode();
            case "format" -> "'" + clip(value) + "' is not an RFC 3339 timestamp such as 2026-11-24T10:15:00+08:00";
            default -> m.getMessage();
        };
    }

    private static String typeRule(String field, JsonNode expected, JsonNode value) {
        if (field.endsWith("amount") && value != null && value.isNumber()) {
            return "must be a decimal string such as \"125000.00\", not a JSON number";
        }
        String wanted = expected.isArray() ? expected.get(0).asText() : expected.asText();
        return switch (wanted) {
            case "object" -> "must be a JSON object";
            case "string" -> "must be a string";
            default -> "must be of type " + wanted;
        };
    }

    private static String patternRule(String field, JsonNode value) {
        String text = value == null ? "" : value.asText();
        if (field.endsWith("amount")) {
            return text.matches("-[0-9]{1,15}(\\.[0-9]{1,4})?")
                    ? text + " is negative; amounts must be zero or more"
                    : "'" + clip(text) + "' is not a decimal with at most 15 digits and 4 decimals";
        }
        if (field.endsWith("currency")) {
            return "'" + clip(text) + "' is not an ISO 4217 code such as CNY";
        }
        return text.isBlank() ? "must not be blank" : "'" + clip(text) + "' is not allowed here";
    }

    static String clip(JsonNode value) {
        return value == null ? "" : clip(value.asText());
    }

    static String clip(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
