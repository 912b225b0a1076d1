package com.acme.goals.platform.security;

import com.acme.goals.tokens.TokenRules;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;


/**
 * Each service checks the token again (the gateway is not the only wall): HS256 with a shared secret in
 * local mode, or an issuer's JWKS when {@code goals.security.jwt.jwk-set-uri} is set; and, where the console signs
 * people in through another issuer ({@code goals.security.jwt.console-issuer}, the embedded stack's dev-issuer), that
 * issuer's RS256 tokens by its JWKS. Roles come from the {@code roles} claim.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class ResourceServerSecurity {

    @Bean
    public JwtDecoder jwtDecoder(@Value("${goals.security.jwt.secret:}") String secret,
                                 @Value("${goals.security.jwt.jwk-set-uri:}") String jwkSetUri,
                                 @Value("${goals.security.jwt.issuer}") String issuer,
                                 @Value("${goals.security.jwt.audience:}") String audience,
                                 @Value("${goals.security.jwt.console-issuer:}") String consoleIssuer) {
        NimbusJwtDecoder decoder = !jwkSetUri.isBlank() ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build()
                : NimbusJwtDecoder.withSecretKey(TokenRules.hs256Key(secret)).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(TokenRules.validator(issuer, audience));
        if (consoleIssuer.isBlank() || consoleIssuer.equals(issuer)) {
            return decoder;
        }
        // people signed in through the console carry the console issuer's RS256 tokens; API clients keep theirs
        NimbusJwtDecoder console = NimbusJwtDecoder.withJwkSetUri(TokenRules.jwkSetUriOf(consoleIssuer)).build();
        console.setJwtValidator(TokenRules.validator(consoleIssuer, audience));
        return token -> consoleIssuer.equals(TokenRules.claimedIssuer(token)) ? console.decode(token) : decoder.decode(token);
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper,
                                           @Value("${goals.security.integration-paths:/api/crm/activity}") String[] integrationPaths)
            throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(objectMapper);
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error",
                                "/v3/api-docs", "/v3/api-docs/**").permitAll() // documents, no data
                        .requestMatchers(integrationPaths).authenticated() // each endpoint checks its role
                        // an integration client feeds activity in and reads or changes nothing else
                        .anyRequest().access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
                                AuthorizationManagers.not(AuthorityAuthorizationManager.hasRole(Actor.INTEGRATION)))))
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(converter)).authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
