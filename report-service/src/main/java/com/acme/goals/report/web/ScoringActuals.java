package com.acme.goals.report.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.Unavailable;
import com.acme.goals.platform.web.RequestIds;
import com.acme.goals.report.application.Actuals;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a person's actuals from scoring-service ({@code GET /api/actuals/{ownerId}?periodKey=}) with the caller's own
 * token: the draft's owner may read their own actuals, so scoring's access rules stay the only ones. Each call goes to
 * the next instance in {@code goals.scoring.url}; one that cannot be reached is passed over for the next. No answer
 * in time, or an answer that is not 200, is {@link Unavailable}: nothing is drafted with actuals that could not be read.
 */
@Component
public class ScoringActuals implements Actuals {

    record Answer(List<Total> actuals) {
    }

    private final List<RestClient> instances;
    private final AtomicInteger next = new AtomicInteger();

    public ScoringActuals(RestClient.Builder builder, @Value("${goals.scoring.url}") String urls,
                          @Value("${goals.scoring.timeout}") Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.instances = Arrays.stream(urls.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                .map(url -> builder.clone().baseUrl(url).requestFactory(requests).build()).toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("goals.scoring.url: names no scoring-service instance");
        }
    }

    @Override
    public List<Total> of(String ownerId, Period period) {
        String token = callersToken();
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        RestClientException last = null;
        for (int i = 0; i < instances.size(); i++) {
            RestClient scoring = instances.get((first + i) % instances.size());
            try {
                Answer answer = scoring.get().uri("/api/actuals/{ownerId}?periodKey={periodKey}", ownerId, period.key())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .headers(headers -> {
                            String requestId = RequestIds.current();
                            if (requestId != null) {
                                headers.set(RequestIds.HEADER, requestId);
                            }
                        })
                        .retrieve().body(Answer.class);
                return answer == null || answer.actuals() == null ? List.of() : answer.actuals();
            } catch (ResourceAccessException e) {
                last = e; // not reached, or no answer in time: the next instance may answer
            } catch (RestClientResponseException e) {
                throw new Unavailable("scoring-service answered " + e.getStatusCode().value() + " for the actuals of "
                        + ownerId + " in " + period.key() + " that the draft is prefilled with; try again shortly", e);
            }
        }
        throw new Unavailable("scoring-service is not answering for the actuals of " + ownerId + " in " + period.key()
                + " that the draft is prefilled with; try again shortly", last);
    }

    private static String callersToken() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof AbstractOAuth2TokenAuthenticationToken<?> bearer) {
            return bearer.getToken().getTokenValue();
        }
        throw new IllegalStateException("the actuals are read with the caller's bearer token, and this call has none");
    }
}
