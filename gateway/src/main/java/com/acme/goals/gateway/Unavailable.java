package com.acme.goals.gateway;

import com.acme.goals.contracts.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Where a route's circuit breaker sends a request its service did not answer (refused, timed out, or the breaker
 * is open): 503 as problem details with {@code Retry-After}, at once, instead of a hang or a bare 500. The wait asked
 * for is the breakers' time open: a caller back sooner meets the open breaker again (the console waits on it).
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // internal forward target, not part of the API
public class Unavailable {

    private static final Logger log = LoggerFactory.getLogger(Unavailable.class);
    private final String retryAfter;

    public Unavailable(@Value("${resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state:10s}") Duration open) {
        this.retryAfter = String.valueOf(Math.max(1, open.toSeconds()));
    }

    @RequestMapping("/unavailable/{service}")
    public Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        log.warn("{} did not answer {}; 503", service, exchange.getRequest().getPath());
        exchange.getResponse().getHeaders().set("Retry-After", retryAfter);
        return Problems.write(exchange, ProblemType.SERVICE_UNAVAILABLE,
                service + " is not answering right now; try again shortly");
    }
}
