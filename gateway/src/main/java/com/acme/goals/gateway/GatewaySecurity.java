package com.acme.goals.gateway;

import com.acme.goals.tokens.TokenRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;


/**
 * The gateway authenticates every API request (the services check the token again and authorise).
 * HS256 with a shared secret in local mode; an issuer's JWKS when {@code goals.security.jwt.jwk-set-uri} is set. With
 * the console's sign-in on ({@link ConsoleSignIn}), people hold a session instead of a token: {@link ConsoleSessions}.
 */
@Configuration
@EnableWebFluxSecurity
public class GatewaySecurity {

    @Bean
    public ReactiveJwtDecoder jwtDecoder(@Value("${goals.security.jwt.secret:}") String secret,
                                         @Value("${goals.security.jwt.jwk-set-uri:}") String jwkSetUri,
                                         @Value("${goals.security.jwt.issuer}") String issuer,
                                         @Value("${goals.security.jwt.audience:}") String audience,
                                         @Value("${goals.console.issuer:}") String consoleIssuer) {
        NimbusReactiveJwtDecoder decoder = !jwkSetUri.isBlank() ? NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build()
                : NimbusReactiveJwtDecoder.withSecretKey(TokenRules.hs256Key(secret)).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(TokenRules.validator(issuer, audience));
        if (consoleIssuer.isBlank() || consoleIssuer.equals(issuer)) {
            return decoder;
        }
        // a bearer token the console issuer signed (a script using a signed-in person's token) is checked by its JWKS
        NimbusReactiveJwtDecoder console = NimbusReactiveJwtDecoder.withJwkSetUri(TokenRules.jwkSetUriOf(consoleIssuer)).build();
        console.setJwtValidator(TokenRules.validator(consoleIssuer, audience));
        return token -> consoleIssuer.equals(TokenRules.claimedIssuer(token)) ? console.decode(token) : decoder.decode(token);
    }

    @Bean
    public SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http,
                                                       ObjectProvider<ReactiveClientRegistrationRepository> console) {
        ServerAuthenticationEntryPoint problem = (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Not authenticated", "a valid bearer token is required");
        };
        if (console.getIfAvailable() != null) {
            ConsoleSessions.apply(http, problem, console.getObject());
        } else {
            http.csrf(ServerHttpSecurity.CsrfSpec::disable);
        }
        return http
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(a -> a
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll()
                        // the API documents and Swagger UI: descriptions of the API, no data
                        .pathMatchers("/api-docs/*", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**", "/webjars/**").permitAll()
                        .pathMatchers("/unavailable/**").denyAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> { }).authenticationEntryPoint(problem))
                .exceptionHandling(e -> e.authenticationEntryPoint(console.getIfAvailable() != null
                        ? ConsoleSessions.entryPoint(problem) : problem))
                .build();
    }
}
