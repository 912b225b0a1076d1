package com.acme.goals.gateway;

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
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * People in the console: signed in by {@code oauth2Login} (authorization code with PKCE), remembered by the gateway's session cookie (HttpOnly,
 * SameSite=Lax), never holding a token. A call that changes something on the strength of that cookie must carry the
 * CSRF token (cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}). A page asks for sign-in by redirect; an API call
 * gets 401 (problem+json). Callers with their own token never reach this chain ({@link GatewaySecurity#tokenCallers}):
 * no browser adds one by itself, so they need no CSRF token, and they have no session to load.
 */
final class ConsoleSessions {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    static void apply(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations) {
        // PKCE for a confidential client too: Spring adds it by itself only for public ones
        var requests = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        ServerWebExchangeMatcher sessionWrites = exchange -> !SAFE.contains(exchange.getRequest().getMethod())
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        http.csrf(c -> c.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
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

    /** Writes the CSRF cookie on every response to a browser: the token is made lazily and a single-page console must read it. */
    static WebFilter csrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }

    private ConsoleSessions() {
    }
}
