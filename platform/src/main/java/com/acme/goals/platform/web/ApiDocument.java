package com.acme.goals.platform.web;

import com.acme.goals.contracts.problem.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.RequestBody;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each service publishes its OpenAPI document at {@code /v3/api-docs}; the gateway serves them together with
 * Swagger UI. The server is "/" so "try it out" goes through the gateway the UI came from, never straight to a
 * service, and every operation asks for the bearer token. Every operation lists the problems it may answer, each
 * status with its problem types, their pages and an example.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocument {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    public OpenAPI serviceApiDocument(@Value("${spring.application.name}") String service) {
        return new OpenAPI()
                .info(new Info().title(service).version("1")
                        .description("Part of the goals API. Call it through the gateway with a bearer token. Errors are "
                                + "RFC 7807 problem details whose `type` is a page at the gateway (`/problems/<slug>`) "
                                + "saying what went wrong and what to do; the repository's docs/api/README.md is the "
                                + "overview of every service's endpoints."))
                .addServersItem(new Server().url("/").description("through the gateway"))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Schemas named after the domain (see {@link SchemaNames}), with Spring's own JSON settings. */
    @Bean
    public ModelResolver domainSchemaNames(ObjectMapperProvider json) {
        // amounts travel as decimal strings ("125000.00"): the services' JSON writes BigDecimal that way
        SpringDocUtils.getConfig().replaceWithClass(java.math.BigDecimal.class, String.class);
        return new ModelResolver(json.jsonMapper(), new SchemaNames());
    }

    /** Descriptions and examples of every schema, from the glossary and the service's reference. */
    @Bean
    public OpenApiCustomizer schemasDescribed() {
        ApiReference reference = new ApiReference();
        return reference::describe;
    }

    /** The tags the operations use, in the domain's order, each with its sentence. */
    @Bean
    public OpenApiCustomizer tagsNamedByTheDomain() {
        return api -> {
            Set<String> used = new LinkedHashSet<>();
            if (api.getPaths() != null) {
                api.getPaths().values().forEach(path -> path.readOperations().forEach(op -> {
                    if (op.getTags() != null) {
                        used.addAll(op.getTags());
                    }
                }));
            }
            List<Tag> tags = new ArrayList<>();
            ApiTags.DESCRIPTIONS.forEach((name, description) -> {
                if (used.remove(name)) {
                    tags.add(new Tag().name(name).description(description));
                }
            });
            used.forEach(name -> tags.add(new Tag().name(name)));
            api.setTags(tags);
        };
    }

    @Bean
    public OperationCustomizer problemsEveryOperationMayAnswer() {
        return (operation, handler) -> {
            Set<ProblemType> problems = new LinkedHashSet<>();
            boolean takesBody = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
            if (takesBody) {
                problems.addAll(List.of(ProblemType.INVALID_REQUEST_BODY, ProblemType.UNREADABLE_REQUEST_BODY));
            }
            Refuses refuses = handler.getMethodAnnotation(Refuses.class);
            if (refuses != null) {
                problems.addAll(Arrays.asList(refuses.value()));
            }
            problems.add(ProblemType.NOT_AUTHENTICATED);
            if (takesBody) {
                problems.add(ProblemType.TOO_LARGE);
            }
            problems.addAll(List.of(ProblemType.TOO_MANY_REQUESTS, ProblemType.SERVICE_UNAVAILABLE));
            document(operation, problems);
            return operation;
        };
    }

    private static void document(Operation operation, Set<ProblemType> problems) {
        Map<Integer, List<ProblemType>> byStatus = new LinkedHashMap<>();
        problems.stream().filter(p -> p.status() > 0).sorted((a, b) -> Integer.compare(a.status(), b.status()))
                .forEach(p -> byStatus.computeIfAbsent(p.status(), s -> new ArrayList<>()).add(p));
        byStatus.forEach((status, types) -> {
            MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
            StringBuilder description = new StringBuilder();
            for (ProblemType type : types) {
                description.append(description.isEmpty() ? "" : "; ").append(type.title())
                        .append(" ([").append(type.uri()).append("](").append(type.uri()).append("))");
                media.addExamples(type.slug(), new Example().summary(type.title()).value(example(type)));
            }
            ApiResponse response = new ApiResponse().description(description.toString())
                    .content(new Content().addMediaType(PROBLEM_JSON, media));
            operation.getResponses().putIfAbsent(String.valueOf(status), response);
        });
    }

    private static Map<String, Object> example(ProblemType type) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri());
        example.put("title", type.title());
        example.put("status", type.status());
        example.put("detail", switch (type) {
            case NOT_AUTHENTICATED -> "a valid bearer token is required";
            case NOT_ALLOWED -> "E-777 may not read the goals of E-042: only the owner, their supervisor line and admins may";
            case NOT_FOUND -> "goal G-123 does not exist";
            case RULE_BROKEN -> "metric 'payment_colection' is not in the catalogue (GET /api/metrics); closest: payment_collection";
            case BAD_INPUT -> "size: must be less than or equal to 500";
            case INVALID_REQUEST_BODY -> "title: must not be blank";
            case UNREADABLE_REQUEST_BODY -> "numericTargets[0].target: has the wrong type or form";
            case CONFLICT -> "goal G-123 is closed and accepts no changes";
            case STALE_VERSION -> "the change was based on version 2 but the current version is 3: reload and try again";
            case TOO_LARGE -> "the body is 10485760 bytes; at most 9437184 are accepted";
            case TOO_MANY_REQUESTS -> "at most 200 requests at once and 100.0 per second per caller; retry after 1 s";
            case SERVICE_UNAVAILABLE -> "goal-service is not answering right now; try again shortly";
            case REQUEST_NOT_SUPPORTED -> "Method 'PATCH' is not supported.";
        });
        example.put("requestId", "3e821cff-e5a7-459d-8d40-a68e16b09a6d");
        return example;
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 7807 problem: what went wrong, naming the field and the rule")
                .addProperty("type", new StringSchema().example(ProblemType.RULE_BROKEN.uri())
                        .description("the kind of problem: a page at the gateway, /problems/<slug>, says what to do"))
                .addProperty("title", new StringSchema().example(ProblemType.RULE_BROKEN.title())
                        .description("the kind's short name"))
                .addProperty("status", new IntegerSchema().example(400).description("the HTTP status"))
                .addProperty("detail", new StringSchema().example(example(ProblemType.RULE_BROKEN).get("detail"))
                        .description("what went wrong, in words a person can act on"))
                .addProperty("field", new StringSchema().example("numericTargets[0].metric")
                        .description("the field in error, when there is one"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema()
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema().example("title"))
                                .addProperty("rule", new StringSchema().example("must not be blank")))
                        .description("invalid-request-body only: every broken field and its rule"))
                .addProperty("instance", new StringSchema().example("/api/goals").description("the path asked for"))
                .addProperty("requestId", new StringSchema().example("3e821cff-e5a7-459d-8d40-a68e16b09a6d")
                        .description("the call's X-Request-Id, also in the services' log lines about it"));
    }
}
