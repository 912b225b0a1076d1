package com.acme.goals.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of the API reference, kept beside the code rather than in annotations on read models and domain records
 * (which stay free of the web): {@code api-glossary.yml} (platform) describes the fields every service shares, and
 * each service's {@code api-reference.yml} describes its schemas, overrides a field where it means more, and gives
 * each request and answer an example from the seed's channel manager's week. Entries naming a schema or a field the
 * document does not have are listed under {@code x-stale-reference}, which {@code ApiReferenceIT} requires empty.
 */
final class ApiReference {

    static final String STALE = "x-stale-reference";

    private final Map<String, String> glossary;
    private final Map<String, Map<String, Object>> schemas;
    /** Schemas of platform's own endpoints, described once; only a service serving them has them, so none is stale. */
    private final Map<String, Map<String, Object>> sharedSchemas;

    @SuppressWarnings("unchecked")
    ApiReference() {
        Map<String, Object> shared = load("api-glossary.yml");
        Map<String, Object> own = load("api-reference.yml");
        this.glossary = (Map<String, String>) shared.getOrDefault("properties", Map.of());
        this.schemas = (Map<String, Map<String, Object>>) own.getOrDefault("schemas", Map.of());
        this.sharedSchemas = (Map<String, Map<String, Object>>) shared.getOrDefault("schemas", Map.of());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void describe(OpenAPI api) {
        Map<String, Schema> components = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? Map.of() : api.getComponents().getSchemas();
        List<String> stale = new ArrayList<>();
        schemas.forEach((name, entry) -> {
            if (!components.containsKey(name)) {
                stale.add(name);
            }
        });
        components.forEach((name, schema) -> {
            Map<String, Object> entry = schemas.getOrDefault(name, sharedSchemas.getOrDefault(name, Map.of()));
            Map<String, String> fields = (Map<String, String>) entry.getOrDefault("properties", Map.of());
            if (entry.get("description") != null) {
                schema.setDescription(String.valueOf(entry.get("description")));
            }
            if (entry.get("example") != null) {
                schema.setExample(entry.get("example"));
            }
            Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
            fields.keySet().stream().filter(f -> !properties.containsKey(f)).forEach(f -> stale.add(name + "." + f));
            properties.forEach((field, property) -> {
                String description = fields.getOrDefault(field, glossary.get(field));
                if (description != null && property.getDescription() == null) {
                    property.setDescription(description);
                }
            });
        });
        if (!stale.isEmpty()) {
            api.getInfo().addExtension(STALE, stale);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String resource) {
        ClassPathResource file = new ClassPathResource(resource);
        if (!file.exists()) {
            return Map.of();
        }
        try (InputStream in = file.getInputStream()) {
            Object loaded = new Yaml().load(in);
            return loaded instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
