package com.acme.goals.platform.security;

import com.acme.goals.tokens.TokenRules;
import com.acme.goals.tokens.TokenSettings;
import com.acme.goals.tokens.VerifiedTokens;
import com.acme.goals.tokens.ClusterNetwork;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.core.env.Environment;
import java.util.List;
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
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;


/**
 * Each service checks the token again (the gateway is not the only wall): an issuer's JWKS (RS256/ES256) when
 * {@code goals.security.jwt.jwk-set-uri} is set, or HS256 with a secret given through the environment (the committed
 * development secret in local mode only: {@link TokenSettings}); and, where the console signs
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
                                 @Value("${goals.security.jwt.console-issuer:}") String consoleIssuer,
                                 @Value("${goals.mode:}") String mode, Environment environment) {
        String hs256 = TokenSettings.hs256SecretOrNull(secret, jwkSetUri, mode, List.of(environment.getActiveProfiles()));
        NimbusJwtDecoder decoder = hs256 == null
                ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithms(TokenRules::issuerAlgorithms).build()
                : NimbusJwtDecoder.withSecretKey(TokenRules.hs256Key(hs256)).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(TokenRules.validator(issuer, audience));
        if (consoleIssuer.isBlank() || consoleIssuer.equals(issuer)) {
            return VerifiedTokens.standard().before(decoder);
        }
        // people signed in through the console carry the console issuer's RS256 tokens; API clients keep theirs
        NimbusJwtDecoder console = NimbusJwtDecoder.withJwkSetUri(TokenRules.jwkSetUriOf(consoleIssuer)).build();
        console.setJwtValidator(TokenRules.validator(consoleIssuer, audience));
        return VerifiedTokens.standard().before(
                token -> consoleIssuer.equals(TokenRules.claimedIssuer(token)) ? console.decode(token) : decoder.decode(token));
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper,
                                           @Value("${goals.security.integration-paths:/api/crm/activity}") String[] integrationPaths,
                                           @Value("${goals.security.cluster-networks:" + ClusterNetwork.DEFAULT + "}") String clusterNetworks)
            throws Exception {
        ClusterNetwork inside = ClusterNetwork.of(clusterNetworks);
        // metrics name customers' volumes and the system's internals: Prometheus inside the cluster network, or an admin
        AuthorizationManager<RequestAuthorizationContext> insideOrAdmin = (authentication, context) -> new AuthorizationDecision(
                inside.contains(context.getRequest().getRemoteAddr()) || authentication.get().getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + Actor.ADMIN)));
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(objectMapper);
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        // status only: details need an admin's token (management.endpoint.health.show-details)
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error",
                                "/v3/api-docs", "/v3/api-docs/**").permitAll() // documents, no data
                        .requestMatchers("/actuator/**").access(insideOrAdmin)
                        .requestMatchers(integrationPaths).authenticated() // each endpoint checks its role
                        // an integration client feeds activity in and reads or changes nothing else
                        .anyRequest().access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
                                AuthorizationManagers.not(AuthorityAuthorizationManager.hasRole(Actor.INTEGRATION)))))
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(converter)).authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * No observation per security filter, authentication and authorisation: they were a fifth of a service's CPU for a
     * plain read (the per-request {@code http_server_requests} timer stays), and nothing reads them (issue 18).
     */
    @Bean
    public SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
