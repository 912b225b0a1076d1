package com.acme.goals.gateway;

import com.acme.goals.tokens.ClusterNetwork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * The console's sign-in: the gateway is the OAuth2 client (authorization code with PKCE) of an OpenID Connect issuer
 * ({@code goals.console.issuer}; the embedded stack's dev-issuer). The browser holds only the gateway's session
 * cookie; on the way to a service the gateway puts the session's access token on the call, refreshing it when it
 * has run out. Callers with their own bearer token pass as before. Off when no issuer is configured.
 */
@Configuration
@ConditionalOnExpression("!'${goals.console.issuer:}'.isBlank()")
public class ConsoleSignIn {

    static final String REGISTRATION = "goals";
    /** The dev-issuer's client secret, committed with it: accepted in local mode only. */
    static final String DEV_CLIENT_SECRET = "console-dev-secret";

    @Bean
    public ReactiveClientRegistrationRepository consoleRegistration(@Value("${goals.console.issuer}") String issuer,
                                                                    @Value("${goals.console.client-id}") String clientId,
                                                                    @Value("${goals.console.client-secret}") String secret,
                                                                    @Value("${goals.mode:}") String mode,
                                                                    org.springframework.core.env.Environment environment) {
        com.acme.goals.tokens.TokenSettings.requireOwnSecret("CONSOLE_CLIENT_SECRET (goals.console.client-secret)", secret,
                DEV_CLIENT_SECRET, mode, java.util.List.of(environment.getActiveProfiles()));
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(issuer)
                .registrationId(REGISTRATION).clientId(clientId).clientSecret(secret)
                .scope("openid", "profile").userNameAttributeName("sub")
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .build();
        return new InMemoryReactiveClientRegistrationRepository(registration);
    }

    /**
     * People in the console, who hold no token of their own ({@link ConsoleSessions}); a caller with its own
     * {@code Authorization} header is taken by {@link GatewaySecurity#tokenCallers} first.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    public SecurityWebFilterChain consoleCallers(ServerHttpSecurity http, ReactiveClientRegistrationRepository console,
                                                 ClusterNetwork inside) {
        ConsoleSessions.apply(GatewaySecurity.doors(http, inside), console);
        return http.exceptionHandling(e -> e.authenticationEntryPoint(ConsoleSessions.entryPoint(GatewaySecurity.PROBLEM))).build();
    }

    @Bean
    public ServerOAuth2AuthorizedClientRepository consoleAuthorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    @Bean
    public ReactiveOAuth2AuthorizedClientManager consoleClientManager(ReactiveClientRegistrationRepository registrations,
                                                                      ServerOAuth2AuthorizedClientRepository clients) {
        var manager = new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    /** Puts the signed-in person's access token on the call to the service; a bearer caller's own token stays. */
    @Bean
    public GlobalFilter sessionTokenRelay(ReactiveOAuth2AuthorizedClientManager clients) {
        return new SessionTokenRelay(clients);
    }

    record SessionTokenRelay(ReactiveOAuth2AuthorizedClientManager clients) implements GlobalFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            if (GatewaySecurity.carriesCredentials(exchange)) {
                return chain.filter(exchange);
            }
            return exchange.getPrincipal()
                    .filter(OAuth2AuthenticationToken.class::isInstance)
                    .cast(OAuth2AuthenticationToken.class)
                    .flatMap(person -> clients.authorize(authorizeRequest(person, exchange)))
                    .map(client -> exchange.mutate().request(r -> r.headers(h -> h.setBearerAuth(
                            client.getAccessToken().getTokenValue()))).build())
                    .defaultIfEmpty(exchange)
                    .flatMap(chain::filter);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 100;
        }
    }

    /**
     * Who is signed in, for the console: subject and roles (from the ID token; a bearer caller's from their token), and
     * the stack's clock, which a test stack may move ({@code goals.clock.offset}, as the services): the console's
     * "this week" follows it.
     */
    @Bean
    public RouterFunction<ServerResponse> consoleSession(@Value("${goals.clock.offset:PT0S}") java.time.Duration offset) {
        return RouterFunctions.route(RequestPredicates.GET("/console/session"), request -> request.principal()
                .flatMap(principal -> {
                    Object roles = principal instanceof OAuth2AuthenticationToken person
                            ? person.getPrincipal().getAttributes().get("roles")
                            : principal instanceof JwtAuthenticationToken bearer ? bearer.getToken().getClaim("roles") : null;
                    return ServerResponse.ok().bodyValue(Map.of("subject", principal.getName(),
                            "roles", roles instanceof List<?> list ? list : List.of(),
                            "now", java.time.Instant.now().plus(offset).toString()));
                }));
    }

    static OAuth2AuthorizeRequest authorizeRequest(OAuth2AuthenticationToken person, ServerWebExchange exchange) {
        return OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(person)
                .attribute(ServerWebExchange.class.getName(), exchange).build();
    }
}
