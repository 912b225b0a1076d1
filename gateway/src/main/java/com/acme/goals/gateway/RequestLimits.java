package com.acme.goals.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits every caller at the door: a body larger than the limit is refused with 413 before it is forwarded (by its
 * {@code Content-Length}, or, for a chunked body that announces none, by reading at most the limit before
 * forwarding), and each principal (the token's subject; a caller without a token, by address) gets a token bucket: {@code burst} requests at
 * once, refilled at {@code perSecond}; beyond it, 429 with {@code Retry-After}.
 */
@Component
public class RequestLimits implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RequestLimits.class);
    private final long maxBodyBytes;
    private final Rate everyone;
    private final Map<String, Rate> callers;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * {@code callers}: rates of their own for named callers (a token's subject, or {@code anonymous@<address>}), as
     * {@code subject=perSecond/burst} separated by commas; e.g. a trusted back-office client allowed more than people,
     * or a test stack's dedicated caller allowed so little that a rate-limit test reaches it on any machine.
     */
    @org.springframework.beans.factory.annotation.Autowired
    public RequestLimits(@Value("${goals.gateway.max-body-bytes:9437184}") long maxBodyBytes,
                         @Value("${goals.gateway.rate-limit.per-second:100}") double perSecond,
                         @Value("${goals.gateway.rate-limit.burst:200}") double burst,
                         @Value("${goals.gateway.rate-limit.callers:}") String callers) {
        this.maxBodyBytes = maxBodyBytes;
        this.everyone = new Rate(perSecond, burst);
        this.callers = Rate.parseCallers(callers);
    }

    RequestLimits(long maxBodyBytes, double perSecond, double burst) {
        this(maxBodyBytes, perSecond, burst, "");
    }

    /** A token bucket's shape: {@code burst} requests at once, refilled at {@code perSecond}. */
    record Rate(double perSecond, double burst) {

        Rate {
            if (!(perSecond > 0) || !(burst >= 1)) {
                throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1, not " + perSecond + "/" + burst);
            }
        }

        static Map<String, Rate> parseCallers(String callers) {
            Map<String, Rate> rates = new java.util.HashMap<>();
            if (callers == null || callers.isBlank()) {
                return Map.of();
            }
            for (String entry : callers.split(",")) {
                String[] caller = entry.trim().split("=", 2);
                String[] rate = caller.length == 2 ? caller[1].split("/", 2) : new String[0];
                if (rate.length != 2) {
                    throw new IllegalArgumentException("goals.gateway.rate-limit.callers: '" + entry.trim()
                            + "' is not subject=perSecond/burst");
                }
                rates.put(caller[0].trim(), new Rate(Double.parseDouble(rate[0].trim()), Double.parseDouble(rate[1].trim())));
            }
            return Map.copyOf(rates);
        }
    }

    /** Tokens left and when they were last counted, under the caller's rate. */
    private static final class Bucket {
        final Rate rate;
        double tokens;
        long at;

        Bucket(Rate rate, long at) {
            this.rate = rate;
            this.tokens = rate.burst();
            this.at = at;
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBodyBytes) {
            log.warn("refused {} {}: body of {} bytes over the limit of {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), length, maxBodyBytes);
            return Problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    "the body is " + length + " bytes; at most " + maxBodyBytes + " are accepted");
        }
        // the only routes open without a token are the API documents: those callers share a bucket per address
        String anonymous = "anonymous@" + (exchange.getRequest().getRemoteAddress() == null ? "unknown"
                : exchange.getRequest().getRemoteAddress().getHostString());
        return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty(anonymous).flatMap(subject -> {
            double wait = take(subject, System.nanoTime());
            if (wait > 0) {
                long retryAfter = Math.max(1, (long) Math.ceil(wait));
                log.warn("rate limit: {} refused on {} (retry after {} s)", subject, exchange.getRequest().getPath(), retryAfter);
                exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
                Rate rate = rateOf(subject);
                return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                        "at most " + (long) rate.burst() + " requests at once and " + rate.perSecond()
                                + " per second per caller; retry after " + retryAfter + " s");
            }
            return limitChunked(exchange, chain);
        });
    }

    /** A chunked body has no length to check up front: it is gathered up to the limit, then forwarded whole. */
    private Mono<Void> limitChunked(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getContentLength() >= 0 || !"chunked".equalsIgnoreCase(headers.getFirst(HttpHeaders.TRANSFER_ENCODING))) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                .flatMap(body -> {
                    HttpHeaders forwarded = new HttpHeaders();
                    forwarded.putAll(headers);
                    forwarded.remove(HttpHeaders.TRANSFER_ENCODING);
                    forwarded.setContentLength(body.readableByteCount());
                    ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
                        @Override
                        public HttpHeaders getHeaders() {
                            return forwarded;
                        }

                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.just(body);
                        }
                    };
                    return chain.filter(exchange.mutate().request(request).build());
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)))
                .onErrorResume(DataBufferLimitException.class, e -> {
                    log.warn("refused {} {}: chunked body over the limit of {}", exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(), maxBodyBytes);
                    exchange.getResponse().getHeaders().setConnection("close"); // the rest of the body is not read
                    return Problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                            "the body is larger than " + maxBodyBytes + " bytes; at most " + maxBodyBytes + " are accepted");
                });
    }

    /** Takes a token for the subject; 0 when granted, otherwise the seconds until one is free. */
    double take(String subject, long now) {
        if (buckets.size() > 100_000) {
            buckets.clear(); // an idle multitude: forget them rather than grow without bound
        }
        Bucket bucket = buckets.computeIfAbsent(subject, s -> new Bucket(rateOf(s), now));
        synchronized (bucket) {
            Rate rate = bucket.rate;
            bucket.tokens = Math.min(rate.burst(), bucket.tokens + (now - bucket.at) / 1e9 * rate.perSecond());
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (1 - bucket.tokens) / rate.perSecond();
        }
    }

    private Rate rateOf(String subject) {
        return callers.getOrDefault(subject, everyone);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the request id, before any routing
    }
}
