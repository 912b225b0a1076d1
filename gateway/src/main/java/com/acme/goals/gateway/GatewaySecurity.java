package com.acme.goals.gateway;

import com.acme.goals.contracts.problem.ProblemType;
import com.acme.goals.tokens.ClusterNetwork;
import com.acme.goals.tokens.TokenRules;
import com.acme.goals.tokens.TokenSettings;
import com.acme.goals.tokens.VerifiedTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;


/**
 * The gateway authenticates every API request (the services check the token again and authorise).
 * An issuer's JWKS (RS256/ES256) when {@code goals.security.jwt.jwk-set-uri} is set, or HS256 with a secret given through
 * the environment (the committed development secret in local mode only: {@link TokenSettings}). With
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
                                         @Value("${goals.console.issuer:}") String consoleIssuer,
                                         @Value("${goals.mode:}") String mode, Environment environment) {
        String hs256 = TokenSettings.hs256SecretOrNull(secret, jwkSetUri, mode, List.of(environment.getActiveProfiles()));
        NimbusReactiveJwtDecoder decoder = hs256 == null
                ? NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithms(TokenRules::issuerAlgorithms).build()
                : NimbusReactiveJwtDecoder.withSecretKey(TokenRules.hs256Key(hs256)).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(TokenRules.validator(issuer, audience));
        if (consoleIssuer.isBlank() || consoleIssuer.equals(issuer)) {
            return remembered(decoder, VerifiedTokens.standard());
        }
        // a bearer token the console issuer signed (a script using a signed-in person's token) is checked by its JWKS
        NimbusReactiveJwtDecoder console = NimbusReactiveJwtDecoder.withJwkSetUri(TokenRules.jwkSetUriOf(consoleIssuer)).build();
        console.setJwtValidator(TokenRules.validator(consoleIssuer, audience));
        return remembered(token -> consoleIssuer.equals(TokenRules.claimedIssuer(token)) ? console.decode(token) : decoder.decode(token),
                VerifiedTokens.standard());
    }

    /** A caller's token is parsed and its signature checked once in a few minutes; its times on every call. */
    static ReactiveJwtDecoder remembered(ReactiveJwtDecoder decoder, VerifiedTokens verified) {
        return token -> {
            Jwt hit = verified.find(token);
            return hit != null ? Mono.just(hit) : decoder.decode(token).map(jwt -> verified.remember(token, jwt));
        };
    }

    /**
     * Callers with their own credentials (scripts, dashboards, other systems; every caller when the console's sign-in
     * is off): their token is checked on each call, so this chain keeps no session, saved page, CSRF token or sign-in
     * machinery, filters that served browsers only and ran on every API call (issue 18).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public SecurityWebFilterChain tokenCallers(ServerHttpSecurity http, ObjectProvider<ReactiveClientRegistrationRepository> console,
                                               ClusterNetwork inside) {
        ServerWebExchangeMatcher callers = console.getIfAvailable() == null ? ServerWebExchangeMatchers.anyExchange()
                : exchange -> carriesCredentials(exchange) ? MatchResult.match() : MatchResult.notMatch();
        return doors(http.securityMatcher(callers), inside)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .oauth2ResourceServer(o -> o.jwt(j -> { }).authenticationEntryPoint(PROBLEM))
                .exceptionHandling(e -> e.authenticationEntryPoint(PROBLEM))
                .build();
    }

    /** A caller that brings its own {@code Authorization} header is a program, not a browser the console signed in. */
    static boolean carriesCredentials(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION);
    }

    /** 401 as problem details, naming the scheme to use. */
    static final ServerAuthenticationEntryPoint PROBLEM = (exchange, e) -> {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return Problems.write(exchange, ProblemType.NOT_AUTHENTICATED, "a valid bearer token is required");
    };

    /** The addresses inside the cluster (Prometheus) that read the actuator without a token, parsed once for both chains. */
    @Bean
    public ClusterNetwork clusterNetwork(@Value("${goals.security.cluster-networks:" + ClusterNetwork.DEFAULT + "}") String cidrs) {
        return ClusterNetwork.of(cidrs);
    }

    /**
     * Who may open which door, the same in both chains. No anonymous principal: a caller without one is limited by
     * address ({@link RequestLimits}).
     */
    static ServerHttpSecurity doors(ServerHttpSecurity http, ClusterNetwork inside) {
        // the gateway is the public door: its metrics and routes are for Prometheus inside the cluster, or an admin
        ReactiveAuthorizationManager<AuthorizationContext> insideOrAdmin = (authentication, context) -> {
            java.net.InetSocketAddress remote = context.getExchange().getRequest().getRemoteAddress();
            if (remote != null && remote.getAddress() != null && inside.contains(remote.getAddress().getHostAddress())) {
                return Mono.just(new AuthorizationDecision(true));
            }
            return authentication.map(GatewaySecurity::isAdmin).defaultIfEmpty(false).map(AuthorizationDecision::new);
        };
        return http
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .authorizeExchange(a -> a
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .pathMatchers("/actuator/**").access(insideOrAdmin)
                        // the API documents and Swagger UI: descriptions of the API, no data
                        .pathMatchers("/api-docs/*", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**", "/webjars/**").permitAll()
                        // the pages a problem's type names: what went wrong and what to do
                        .pathMatchers("/problems", "/problems/*").permitAll()
                        .pathMatchers("/unavailable/**").denyAll()
                        .anyExchange().authenticated());
    }

    /** The {@code roles} claim of a bearer token, or of a console session's signed-in person, holds ADMIN. */
    static boolean isAdmin(Authentication authentication) {
        Object roles = authentication.getPrincipal() instanceof Jwt jwt ? jwt.getClaim("roles")
                : authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal person ? person.getAttribute("roles") : null;
        return roles instanceof java.util.Collection<?> list && list.contains("ADMIN");
    }

    /** The firewall's default rules, its header checks without regular expressions ({@link HeaderCharacters}). */
    @Bean
    public ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters.NAMES);
        firewall.setAllowedHeaderValues(HeaderCharacters.VALUES);
        return firewall;
    }

    /** No observation per security filter and check: CPU on every call that no dashboard reads (issue 18). */
    @Bean
    public SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
