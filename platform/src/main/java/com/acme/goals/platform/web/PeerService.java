package com.acme.goals.platform.web;

import com.acme.goals.platform.errors.Unavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another service's HTTP API, read on behalf of the caller: the caller's own bearer token goes along, so the other
 * service's access rules stay the only ones, and the request id, so both logs tell one story. Each call goes to the
 * next of the service's instances; one that cannot be reached is passed over for the next while the timeout has not
 * run out since the call began, so a call costs about one timeout however many instances hang (the gateway gives up
 * after 15 s). No answer in time, or an answer that is not 2xx, is {@link Unavailable} naming the service: nothing
 * half done on the caller's side.
 */
public final class PeerService {

    private final String name;
    private final List<RestClient> instances;
    private final Duration timeout;
    private final AtomicInteger next = new AtomicInteger();

    /** {@code urls}: the instances, comma separated; {@code timeout}: to connect, and again to answer. */
    public PeerService(String name, RestClient.Builder builder, String urls, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.instances = Arrays.stream(urls.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                .map(url -> builder.clone().baseUrl(url).requestFactory(requests).build()).toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("the address of " + name + " names no instance: '" + urls + "'");
        }
    }

    /** GETs {@code uri} (a template, its variables expanded and encoded) as {@code type}; {@code what} goes into errors. */
    public <T> T get(String what, Class<T> type, String uri, Object... variables) {
        String token = callersToken();
        String requestId = RequestIds.current();
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        ResourceAccessException last = null;
        for (int i = 0; i < instances.size() && (i == 0 || System.nanoTime() < giveUpAt); i++) {
            try {
                return instances.get((first + i) % instances.size()).get().uri(uri, variables)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .headers(headers -> {
                            if (requestId != null) {
                                headers.set(RequestIds.HEADER, requestId);
                            }
                        })
                        .retrieve().body(type);
            } catch (ResourceAccessException e) {
                last = e; // not reached, or no answer in time: the next instance may answer
            } catch (RestClientResponseException e) {
                throw new Unavailable(name + " answered " + e.getStatusCode().value() + " for " + what + "; try again shortly", e);
            }
        }
        throw new Unavailable(name + " is not answering for " + what + "; try again shortly", last);
    }

    private static String callersToken() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof AbstractOAuth2TokenAuthenticationToken<?> bearer) {
            return bearer.getToken().getTokenValue();
        }
        throw new IllegalStateException("another service is read with the caller's bearer token, and this call has none");
    }
}
