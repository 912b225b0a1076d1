package com.acme.goals.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The skeleton on the embedded stack: a real Kafka broker (KRaft) and a MongoDB-wire server, no Docker. */
class EmbeddedStackIT extends SkeletonFlow {

    @Test
    void every_service_is_up_on_its_own_database() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String service : com.acme.goals.localstack.LocalStack.SERVICES) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(stack.service(service).url() + "/actuator/health"))
                    .header("Authorization", "Bearer " + token("E-admin", "ADMIN")).build(), HttpResponse.BodyHandlers.ofString()); // details: admins
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body());
            assertThat(body.path("status").asText()).as(service).isEqualTo("UP");
            assertThat(body.at("/components/mongo/details/database").asText()).as(service).isEqualTo(service);
        }
    }

    /**
     * A caller with its own bearer token is stateless at the gateway: no session and no CSRF token are made for it (each
     * cost a UUID from one SecureRandom per call, the gateway's bottleneck at 500 calls a second), while a browser still
     * gets the CSRF cookie the console reads.
     */
    @Test
    void a_bearer_call_gets_no_session_or_csrf_cookie_and_a_browser_gets_the_csrf_cookie() throws Exception {
        Api.Reply call = api.get("/api/org/employees/E-api-caller", token("E-api-caller", "EMPLOYEE"));
        assertThat(call.raw().headers().allValues("Set-Cookie")).as("status " + call.status()).isEmpty();
        assertThat(call.raw().headers().firstValue("X-Request-Id")).get().asString()
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("XSRF-TOKEN="));
    }
}
