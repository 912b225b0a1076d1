package com.acme.goals.gateway;

import com.acme.goals.contracts.problem.ProblemType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7807 answers the gateway gives itself (401, 413, 429, 503), shaped like the services' own. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        HttpStatus status = HttpStatus.valueOf(type.status());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        String requestId = response.getHeaders().getFirst(RequestIdFilter.HEADER);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        try {
            return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Mono.error(e);
        }
    }

    private Problems() {
    }
}
