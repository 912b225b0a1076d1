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
}
