package com.acme.goals.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * People in the console: signed in by {@code oauth2Login} (authorization code with PKCE), remembered by the gateway's session cookie (HttpOnly,
 * SameSite=Lax), never holding a token. A call that changes something on the strength of that cookie must carry the
 * CSRF token (cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}); a call with its own bearer token needs none,
 * since no browser adds one by itself. A page asks for sign-in by redirect; an API call gets 401 (problem+json).
 */
final class ConsoleSessions {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    static void apply(ServerHttpSecurity http, ServerAuthenticationEntryPoint problem,
                      ReactiveClientRegistrationRepository registrations) {
        // PKCE for a confidential client too: Spring adds it by itself only for public ones
        var requests = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        ServerWebExchangeMatcher sessionWrites = exchange -> !SAFE.contains(exchange.getRequest().getMethod())
                && !exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION)
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        http.securityContextRepository(new BrowserSessions())
                .requestCache(r -> r.requestCache(new BrowserRequests()))
                .csrf(c -> c.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(sessionWrites))
                .addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF)
                .oauth2Login(o -> o.authorizationRequestResolver(requests))
                .logout(l -> l.logoutUrl("/logout"));
    }

    static ServerAuthenticationEntryPoint entryPoint(ServerAuthenticationEntryPoint problem) {
        var api = new DelegateEntry(new PathPatternParserServerWebExchangeMatcher("/api/**"), problem);
        var operations = new DelegateEntry(new PathPatternParserServerWebExchangeMatcher("/actuator/**"), problem); // scrapers, not people
        var pages = new DelegatingServerAuthenticationEntryPoint(api, operations);
        pages.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/" + ConsoleSignIn.REGISTRATION));
        return pages;
    }

    /**
     * Writes the CSRF cookie on every response to a browser: the token is made lazily and a single-page console must read
     * it. Not for a caller with its own bearer token, which needs none: making one costs a UUID from SecureRandom on
     * Reactor's bounded-elastic pool per call, and at 500 calls a second that queue was the gateway's bottleneck.
     */
    static WebFilter csrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null || exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION)
                    ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }

    /**
     * The signed-in person is kept in the web session, but a caller with its own bearer token has no session to load: left
     * to Spring, every API call would make a session object (an id from SecureRandom, on Reactor's bounded-elastic pool)
     * only to find it empty, and at 500 calls a second that queue and the garbage were what the gateway waited on.
     */
    static final class BrowserSessions implements ServerSecurityContextRepository {

        private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

        private static boolean bearer(ServerWebExchange exchange) {
            return exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION);
        }

        @Override
        public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
            return bearer(exchange) ? Mono.empty() : sessions.save(exchange, context);
        }

        @Override
        public Mono<SecurityContext> load(ServerWebExchange exchange) {
            return bearer(exchange) ? Mono.empty() : sessions.load(exchange);
        }
    }

    /** The page a person asked for before signing in, kept in the session; a bearer caller has none to look up. */
    static final class BrowserRequests implements ServerRequestCache {

        private final WebSessionServerRequestCache sessions = new WebSessionServerRequestCache();

        @Override
        public Mono<Void> saveRequest(ServerWebExchange exchange) {
            return BrowserSessions.bearer(exchange) ? Mono.empty() : sessions.saveRequest(exchange);
        }

        @Override
        public Mono<java.net.URI> getRedirectUri(ServerWebExchange exchange) {
            return BrowserSessions.bearer(exchange) ? Mono.empty() : sessions.getRedirectUri(exchange);
        }

        @Override
        public Mono<org.springframework.http.server.reactive.ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
            return BrowserSessions.bearer(exchange) ? Mono.empty() : sessions.removeMatchingRequest(exchange);
        }
    }

    private ConsoleSessions() {
    }
}
