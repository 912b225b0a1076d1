package com.acme.goals.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Each service publishes its OpenAPI document at {@code /v3/api-docs}; the gateway serves them together with
 * Swagger UI. The server is "/" so "try it out" goes through the gateway the UI came from, never straight to a
 * service, and every operation asks for the bearer token.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocument {

    static final String BEARER = "bearer";

    @Bean
    public OpenAPI serviceApiDocument(@Value("${spring.application.name}") String service) {
        return new OpenAPI()
                .info(new Info().title(service).version("1")
                        .description("Part of the goals API; errors are RFC 7807 problem details. See api.md."))
                .addServersItem(new Server().url("/").description("through the gateway"))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
