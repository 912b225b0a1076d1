package com.acme.goals.docs;

import com.acme.goals.contracts.EventTypes;
import com.acme.goals.contracts.problem.ProblemType;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.platform.messaging.InboundContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs are part of the product: a reader who follows a link, copies an example or looks up a setting must find it
 * right. Each test fails naming what is missing or wrong, so the fix is a line in docs/, not a hunt.
 */
class DocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCS = ROOT.resolve("docs");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("```.*?```", Pattern.DOTALL);
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void every_relative_link_resolves_inside_the_repository_and_every_anchor_to_a_heading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(FENCE.matcher(read(page)).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*") || target.startsWith("/")) {
                    continue; // another site, or a path served by the gateway
                }
                String file = URLDecoder.decode(target.contains("#") ? target.substring(0, target.indexOf('#')) : target,
                        StandardCharsets.UTF_8);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such file in the repository)");
                } else if (target.contains("#") && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void no_document_sends_the_reader_outside_the_repository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path page : pages()) {
            String text = read(page);
            if (text.contains("../shared") || text.contains("shared/data")) {
                outside.add(ROOT.relativize(page).toString());
            }
        }
        assertThat(outside).as("pages naming the shared folder beside a clone").isEmpty();
    }

    @Test
    void the_readme_is_a_front_door_into_docs() throws IOException {
        String readme = read(ROOT.resolve("README.md"));
        assertThat(readme.lines().count()).as("README lines: the reference lives in docs/").isLessThanOrEqualTo(150);
        assertThat(readme).contains("deploy/run-local.sh", "./mvnw verify", "](docs/README.md)", "](docs/measured.md)");
    }

    @Test
    void every_published_event_type_has_its_page_whose_example_the_relays_codec_reads_and_the_schema_accepts()
            throws IOException {
        CloudEventCodec codec = new CloudEventCodec(json);
        String catalogue = read(DOCS.resolve("events/README.md"));
        List<String> wrong = new ArrayList<>();
        for (EventTypes.EventType type : EventTypes.all()) {
            Path page = DOCS.resolve("events/" + type.name() + ".md");
            if (!Files.exists(page)) {
                wrong.add(type.name() + ": no page docs/events/" + type.name() + ".md");
                continue;
            }
            if (!catalogue.contains("](" + type.name() + ".md)")) {
                wrong.add(type.name() + ": the catalogue does not link its page");
            }
            String example = firstJson(page);
            if (example == null) {
                wrong.add(type.name() + ": its page has no ```json example");
                continue;
            }
            CloudEventCodec.Envelope envelope = codec.decode(example.getBytes(StandardCharsets.UTF_8));
            if (!type.name().equals(envelope.type()) || !type.source().equals(envelope.source())) {
                wrong.add(type.name() + ": the example is a " + envelope.type() + " from " + envelope.source());
                continue;
            }
            try {
                if (codec.payload(envelope).filter(type.javaType()::isInstance).isEmpty()) {
                    wrong.add(type.name() + ": the example's data does not read as " + type.javaType().getSimpleName());
                }
            } catch (IllegalArgumentException unreadable) {
                wrong.add(type.name() + ": " + unreadable.getMessage());
            }
            try (InputStream schema = EventTypes.class.getResourceAsStream("/schemas/" + type.name() + ".schema.json")) {
                JsonSchema dataSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
                // the example's data as the page shows it (the codec reads ours straight into the record, without a tree)
                dataSchema.validate(json.readTree(example).get("data")).forEach(m -> wrong.add(type.name() + ": " + m.getMessage()));
            }
        }
        assertThat(wrong).as("event pages").isEmpty();
    }

    @Test
    void every_inbound_type_has_its_section_whose_example_passes_the_services_contract_check() throws IOException {
        InboundContract contract = new InboundContract();
        String guide = read(DOCS.resolve("integrate/README.md"));
        List<String> wrong = new ArrayList<>();
        Set<String> types = new TreeSet<>(contract.types("crm."));
        types.addAll(contract.types("hr."));
        assertThat(types).hasSize(16);
        for (String type : types) {
            int at = guide.indexOf("\n### " + type + "\n");
            if (at < 0) {
                wrong.add(type + ": no section '### " + type + "'");
                continue;
            }
            int next = guide.indexOf("\n## ", at + 1);
            int nextType = guide.indexOf("\n### ", at + 1);
            int end = Math.min(next < 0 ? guide.length() : next, nextType < 0 ? guide.length() : nextType);
            Matcher block = JSON_BLOCK.matcher(guide.substring(at, end));
            if (!block.find()) {
                wrong.add(type + ": its section has no ```json example");
                continue;
            }
            JsonNode event = json.readTree(block.group(1));
            if (!type.equals(event.path("type").asText())) {
                wrong.add(type + ": the example is a " + event.path("type").asText());
            }
            contract.violations(type, event).forEach(v -> wrong.add(type + ": " + v));
        }
        assertThat(wrong).as("inbound types in docs/integrate/README.md").isEmpty();
    }

    @Test
    void every_problem_type_has_a_page_under_its_title_and_a_row_in_the_list() throws IOException {
        String list = read(DOCS.resolve("problems/README.md"));
        List<String> wrong = new ArrayList<>();
        for (ProblemType type : ProblemType.values()) {
            Path page = DOCS.resolve("problems/" + type.slug() + ".md");
            if (!Files.exists(page)) {
                wrong.add(type + ": no docs/problems/" + type.slug() + ".md");
                continue;
            }
            String text = read(page);
            if (!text.startsWith("# " + type.title() + "\n")) {
                wrong.add(type + ": the page's heading is not '" + type.title() + "'");
            }
            if (!text.contains("`" + type.uri() + "`") || !list.contains("(" + type.slug() + ".md)")) {
                wrong.add(type + ": the page or the list does not name " + type.uri());
            }
        }
        assertThat(wrong).as("problem pages").isEmpty();
    }

    /**
     * A setting is a placeholder in a service's configuration ({@code ${JWT_SECRET:}}) or a property the code reads
     * ({@code @Value("${goals.ingest.max-body-bytes:…}")}); the page names it, or the variable Spring derives from it.
     */
    @Test
    void every_setting_the_services_read_is_in_the_configuration_page() throws IOException {
        String page = read(DOCS.resolve("operations/configuration.md"));
        Set<String> settings = new TreeSet<>();
        Pattern placeholder = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");
        List<Path> sources = sources();
        for (Path file : sources) {
            Matcher m = placeholder.matcher(read(file));
            while (m.find()) {
                settings.add(m.group(1));
            }
        }
        assertThat(settings).as("settings found in the sources").contains("JWT_SECRET", "goals.ingest.max-body-bytes");
        Map<String, Set<String>> variablesBehind = variablesBehindProperties(sources);
        List<String> missing = settings.stream()
                .filter(key -> !page.contains(key) && environmentNames(key).stream().noneMatch(page::contains))
                .filter(key -> variablesBehind.getOrDefault(key, Set.of()).stream().noneMatch(page::contains))
                .toList();
        assertThat(missing).as("settings not in docs/operations/configuration.md").isEmpty();
    }

    /** Property → the variables its value is made of, from every service's YAML ({@code first-grace: ${GOALS_…}}). */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> variablesBehindProperties(List<Path> sources) {
        Map<String, Set<String>> behind = new HashMap<>();
        Pattern placeholder = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");
        for (Path file : sources) {
            if (!file.toString().endsWith(".yml")) {
                continue;
            }
            for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(read(file))) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", (Map<String, Object>) map, (key, value) -> {
                        Matcher m = placeholder.matcher(String.valueOf(value));
                        while (m.find()) {
                            behind.computeIfAbsent(key, k -> new TreeSet<>()).add(m.group(1));
                        }
                    });
                }
            }
        }
        return behind;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map,
                                BiConsumer<String, Object> leaf) {
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(path, (Map<String, Object>) nested, leaf);
            } else {
                leaf.accept(path, value);
            }
        });
    }

    /** The variables Spring reads a property from: dashes dropped, or (the legacy form) dashes as underscores. */
    private static List<String> environmentNames(String key) {
        String upper = key.replace('.', '_').toUpperCase(Locale.ROOT);
        return List.of(upper.replace("-", ""), upper.replace('-', '_'));
    }

    /** Main sources and configuration of the services, the gateway, the platform and the dev-issuer. */
    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : List.of("platform", "bearer-tokens", "sales-team", "goal-service", "report-service",
                "crm-link-service", "scoring-service", "gateway", "deploy/dev-issuer")) {
            Path main = ROOT.resolve(module).resolve("src/main");
            try (Stream<Path> walk = Files.walk(main)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".yml"))
                        .forEach(files::add);
            }
        }
        return files;
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> walk = Files.walk(DOCS)) {
            walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
    private static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : FENCE.matcher(read(page)).replaceAll("").split("\n")) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static String firstJson(Path page) {
        Matcher block = JSON_BLOCK.matcher(read(page));
        return block.find() ? block.group(1) : null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
