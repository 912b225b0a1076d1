package com.acme.goals.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents as a person reads them in Swagger UI: every operation says what it does and who may call it,
 * lists the problems it may answer (each type a page at the gateway), and shows an example of what to send and what
 * comes back; every schema and field is described; and docs/api/README.md names every endpoint.
 */
class ApiReferenceIT extends StackTest {

    private static final List<String> SERVICES = List.of("goal-service", "report-service", "crm-link-service", "scoring-service");
    private static final Set<String> DOMAIN_TAGS = Set.of("Goals", "Org chart", "Reports", "Templates", "CRM activity",
            "Customer links", "Progress", "Scores", "Boards", "Dashboards", "Rubrics", "Operations");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void every_operation_has_a_summary_says_who_may_call_it_and_sits_under_a_domain_tag() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.node().path("summary").asText().isBlank()) {
                wrong.add(op + ": no summary");
            }
            if (!op.node().path("description").asText().startsWith("Who may call:")) {
                wrong.add(op + ": the description does not start with who may call it");
            }
            List<String> tags = new ArrayList<>();
            op.node().path("tags").forEach(t -> tags.add(t.asText()));
            if (tags.isEmpty() || !DOMAIN_TAGS.containsAll(tags)) {
                wrong.add(op + ": tags " + tags + " are not the domain's");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void every_operation_lists_its_error_statuses_each_with_problem_types_whose_pages_the_gateway_serves()
            throws Exception {
        List<String> wrong = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (Operation op : operations()) {
            boolean clientError = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                if (response.getKey().startsWith("2")) {
                    continue;
                }
                clientError |= response.getKey().startsWith("4") && !response.getKey().equals("401")
                        && !response.getKey().equals("413") && !response.getKey().equals("429");
                JsonNode examples = response.getValue().path("content").path("application/problem+json").path("examples");
                if (examples.isEmpty()) {
                    wrong.add(op + " " + response.getKey() + ": no problem type with an example");
                }
                examples.forEach(example -> {
                    String type = example.path("value").path("type").asText();
                    if (!type.startsWith("/problems/")) {
                        wrong.add(op + " " + response.getKey() + ": problem type '" + type + "'");
                    }
                    types.add(type);
                });
            }
            boolean everyoneMayCall = List.of("GET /api/metrics", "GET /api/report-templates", "GET /api/rubrics/current",
                    "GET /api/rubrics").contains(op.toString());
            if (!clientError && !everyoneMayCall) {
                wrong.add(op + ": no documented 400, 403, 404 or 409");
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(types).contains("/problems/not-authenticated", "/problems/not-allowed", "/problems/not-found",
                "/problems/rule-broken", "/problems/stale-version");
        for (String type : types) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + type)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(type).isEqualTo(200);
            assertThat(page.body()).as(type).startsWith("# ").contains("`type`: `" + type + "`", "## What to do");
        }
    }

    @Test
    void the_problems_the_services_really_answer_name_types_whose_pages_the_gateway_serves() throws Exception {
        Team team = registerTeam();
        String stranger = token("E-stranger", "EMPLOYEE");
        List<Api.Reply> problems = List.of(
                api.get("/api/goals/G-nothing-here", adminToken()),                                  // 404
                api.get("/api/goals?ownerId=" + team.employee(), stranger),                           // 403
                api.post("/api/goals", adminToken(), "{\"ownerId\":\"" + team.employee() + "\"}"),  // 400 body
                api.get("/api/goals?ownerId=" + team.employee() + "&size=501", adminToken()),        // 400 parameter
                api.get("/api/goals", null));                                                         // 401 at the gateway
        for (Api.Reply problem : problems) {
            assertThat(problem.contentType()).as(problem.body().toString()).startsWith("application/problem+json");
            String type = problem.text("type");
            assertThat(type).as(problem.body().toString()).startsWith("/problems/");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + type)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(type).isEqualTo(200);
            assertThat(page.body()).as(type).startsWith("# " + problem.text("title") + "\n");
        }
        assertThat(problems.stream().map(p -> p.status()).toList()).containsExactly(404, 403, 400, 400, 401);
    }

    @Test
    void every_request_and_answer_has_an_example_and_every_schema_and_field_a_description() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode document = document(service);
            assertThat(document.path("info").path("x-stale-reference")).as(service + ": api-reference.yml entries naming "
                    + "schemas or fields the document does not have").isEmpty();
            for (Operation op : operations(service, document)) {
                JsonNode body = op.node().path("requestBody").path("content");
                body.fields().forEachRemaining(media -> {
                    if (!hasExample(document, media.getValue())) {
                        wrong.add(op + ": the request body has no example");
                    }
                });
                op.node().path("responses").fields().forEachRemaining(response -> {
                    if (response.getKey().startsWith("2")) {
                        response.getValue().path("content").fields().forEachRemaining(media -> {
                            if (!hasExample(document, media.getValue())) {
                                wrong.add(op + " " + response.getKey() + ": the answer has no example");
                            }
                        });
                    }
                });
            }
            document.path("components").path("schemas").fields().forEachRemaining(schema -> {
                if (schema.getValue().path("description").asText().isBlank()) {
                    wrong.add(service + " schema " + schema.getKey() + ": no description");
                }
                schema.getValue().path("properties").fields().forEachRemaining(field -> {
                    boolean described = !field.getValue().path("description").asText().isBlank()
                            || field.getValue().has("$ref"); // the referenced schema is described
                    if (!described) {
                        wrong.add(service + " schema " + schema.getKey() + "." + field.getKey() + ": no description");
                    }
                });
            });
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void the_api_reference_in_docs_names_every_endpoint_of_the_documents() throws Exception {
        Path reference = Path.of(System.getProperty("goals.home", "..")).toAbsolutePath().normalize()
                .resolve("docs/api/README.md");
        Set<String> named = new TreeSet<>();
        Matcher endpoint = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/api/[^`?\\s]*)").matcher(Files.readString(reference));
        while (endpoint.find()) {
            named.add(endpoint.group(1) + " " + normalised(endpoint.group(2)));
        }
        List<String> missing = new ArrayList<>();
        for (Operation op : operations()) {
            if (!named.contains(op.method() + " " + normalised(op.path()))) {
                missing.add(op.toString());
            }
        }
        assertThat(missing).as("endpoints not in docs/api/README.md").isEmpty();
    }

    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    private boolean hasExample(JsonNode document, JsonNode media) {
        if (media.has("example") || !media.path("examples").isEmpty()) {
            return true;
        }
        JsonNode schema = media.path("schema");
        if (schema.path("type").asText().equals("array")) {
            schema = schema.path("items");
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            schema = document.path("components").path("schemas").path(name);
        }
        return schema.has("example");
    }

    record Operation(String service, String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Operation> operations() throws Exception {
        List<Operation> all = new ArrayList<>();
        for (String service : SERVICES) {
            all.addAll(operations(service, document(service)));
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(57);
        return all;
    }

    private static List<Operation> operations(String service, JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method ->
                operations.add(new Operation(service, method.getKey().toUpperCase(), path.getKey(), method.getValue()))));
        return operations;
    }

    private final Map<String, JsonNode> documents = new LinkedHashMap<>();

    private JsonNode document(String service) throws Exception {
        if (!documents.containsKey(service)) {
            Api.Reply reply = api.get("/api-docs/" + service, null);
            assertThat(reply.status()).as(service).isEqualTo(200);
            documents.put(service, reply.body());
        }
        return documents.get(service);
    }
}
