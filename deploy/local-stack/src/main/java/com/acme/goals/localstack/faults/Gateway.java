package com.acme.goals.localstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * The API as a patient client uses it: an answer the client expects is returned; a door that is shut for now (no
 * connection, 5xx, 429) is tried again a second later, for up to ten minutes, as a CRM connector or a browser would.
 */
final class Gateway {

    record Reply(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asText();
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private int retries;

    Gateway(String base) {
        this.base = base;
    }

    synchronized int retries() {
        return retries;
    }

    Reply get(String path, String token, Integer... expected) throws InterruptedException {
        return call("GET", path, token, null, expected);
    }

    Reply post(String path, String token, String body, Integer... expected) throws InterruptedException {
        return call("POST", path, token, body, expected);
    }

    Reply put(String path, String token, String body, String ifMatch, Integer... expected) throws InterruptedException {
        return call("PUT", path, token, body, ifMatch, expected);
    }

    Reply call(String method, String path, String token, String body, Integer... expected) throws InterruptedException {
        return call(method, path, token, body, null, expected);
    }

    private Reply call(String method, String path, String token, String body, String ifMatch, Integer... expected)
            throws InterruptedException {
        Set<Integer> wanted = Set.of(expected);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Reply reply = once(method, path, token, body, ifMatch);
                if (wanted.contains(reply.status())) {
                    return reply;
                }
                if (reply.status() < 500 && reply.status() != 429) {
                    throw new IllegalStateException(method + " " + path + " answered " + reply.status() + ": " + reply.body());
                }
                last = reply.status() + " " + reply.body();
            } catch (IOException e) {
                last = e.toString();
            }
            synchronized (this) {
                retries++;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException(method + " " + path + " still failing after ten minutes: " + last);
    }

    Reply once(String method, String path, String token, String body, String ifMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body() == null || response.body().isBlank() ? JSON.nullNode() : parse(response.body());
        return new Reply(response.statusCode(), json);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
