package com.acme.goals.gateway;

import com.acme.goals.contracts.problem.ProblemType;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
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
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.Map;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Limits every caller at the door: a body larger than the limit is refused with 413 before it is forwarded (by its
 * {@code Content-Length}, or, for a chunked body that announces none, by reading at most the limit before
 * forwarding), and each principal (the token's subject; a caller without a token, by address) gets a Bucket4j token bucket: {@code burst} requests at
 * once, refilled at {@code perSecond}; beyond it, 429 with {@code Retry-After}.
 */
@Component
public class RequestLimits implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RequestLimits.class);
    /** About 100 MB of buckets at most; a cache, not a ledger: see {@link #buckets}. */
    static final long MAX_CALLERS = 500_000;
    private final long maxBodyBytes;
    private final Rate everyone;
    private final Map<String, Rate> callers;
    private final TimeMeter time;
    /**
     * A caller's bucket is forgotten once idle longer than any bucket takes to refill (it would be full again anyway), so
     * a flood of new addresses costs memory for a while but never resets a limit that still counts; the size bound keeps
     * the frequent callers (Caffeine's admission policy) if a flood comes faster than that.
     */
    private final Cache<String, Bucket> buckets;

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
        this(maxBodyBytes, perSecond, burst, callers, TimeMeter.SYSTEM_NANOTIME, Ticker.systemTicker(), MAX_CALLERS);
    }

    RequestLimits(long maxBodyBytes, double perSecond, double burst, String callers, TimeMeter time, Ticker ticker, long maxCallers) {
        this.maxBodyBytes = maxBodyBytes;
        this.everyone = new Rate(perSecond, burst);
        this.callers = Rate.parseCallers(callers);
        this.time = time;
        Duration refill = Stream.concat(Stream.of(everyone), this.callers.values().stream())
                .map(Rate::timeToFill).max(Duration::compareTo).orElseThrow();
        this.buckets = Caffeine.newBuilder().expireAfterAccess(refill.plusSeconds(1)).maximumSize(maxCallers).ticker(ticker).build();
    }

    /** A token bucket's shape: {@code burst} requests at once, refilled at {@code perSecond}. */
    record Rate(double perSecond, double burst) {

        Rate {
            if (!(perSecond > 0) || !(burst >= 1)) {
                throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1, not " + perSecond + "/" + burst);
            }
        }

        /** How long an emptied bucket takes to be full again. */
        Duration timeToFill() {
            return Duration.ofMillis((long) Math.ceil(burst / perSecond * 1000));
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

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBodyBytes) {
            log.warn("refused {} {}: body of {} bytes over the limit of {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), length, maxBodyBytes);
            return Problems.write(exchange, ProblemType.TOO_LARGE,
                    "the body is " + length + " bytes; at most " + maxBodyBytes + " are accepted");
        }
        // the only routes open without a token are the API documents: those callers share a bucket per address
        String anonymous = "anonymous@" + (exchange.getRequest().getRemoteAddress() == null ? "unknown"
                : exchange.getRequest().getRemoteAddress().getHostString());
        return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty(anonymous).flatMap(subject -> {
            double wait = take(subject);
            if (wait > 0) {
                long retryAfter = Math.max(1, (long) Math.ceil(wait));
                log.warn("rate limit: {} refused on {} (retry after {} s)", subject, exchange.getRequest().getPath(), retryAfter);
                exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
                Rate rate = rateOf(subject);
                return Problems.write(exchange, ProblemType.TOO_MANY_REQUESTS,
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
                    return Problems.write(exchange, ProblemType.TOO_LARGE,
                            "the body is larger than " + maxBodyBytes + " bytes; at most " + maxBodyBytes + " are accepted");
                });
    }

    /** Takes a token for the subject; 0 when granted, otherwise the seconds until one is free. */
    double take(String subject) {
        ConsumptionProbe probe = buckets.get(subject, this::newBucket).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill() / 1e9;
    }

    /** Greedy refill: tokens come back continuously (in thousandths), as a caller waiting half a period expects. */
    private Bucket newBucket(String subject) {
        Rate rate = rateOf(subject);
        return Bucket.builder()
                .addLimit(limit -> limit.capacity((long) rate.burst())
                        .refillGreedy(Math.round(rate.perSecond() * 1000), Duration.ofSeconds(1000)))
                .withCustomTimePrecision(time)
                .build();
    }

    private Rate rateOf(String subject) {
        return callers.getOrDefault(subject, everyone);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the request id, before any routing
    }
}
