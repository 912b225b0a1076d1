package com.acme.goals.crmlink.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.ProblemResponses;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.contracts.problem.ProblemType;
import com.acme.goals.contracts.Topics;
import com.acme.goals.crmlink.application.ActivityPipeline;
import com.acme.goals.crmlink.application.IntegrationClients;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.platform.web.RequestIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.TOO_LARGE;

/**
 * The HTTP door for other systems (inbound-contract.md): one CloudEvent, or a JSON array of up to 1,000, through
 * the same pipeline as {@code crm.activity}: the same checks, the same de-duplication across both transports.
 * Answers 202 with what became of each event; rejected ones are also on {@code crm.activity.dlq}.
 */
@Tag(name = ApiTags.CRM_ACTIVITY)
@RestController
@RequestMapping("/api/crm/activity")
public class ActivityController {

    public static final int MAX_EVENTS = 1000;
    private static final Logger log = LoggerFactory.getLogger(ActivityController.class);
    private final ActivityPipeline pipeline;
    private final ObjectMapper json;
    private final long maxBytes;

    private final IntegrationClients clients;

    public ActivityController(ActivityPipeline pipeline, ObjectMapper json,
                              @Value("${goals.ingest.max-body-bytes:8388608}") long maxBytes,
                              IntegrationClients clients) {
        this.pipeline = pipeline;
        this.json = json;
        this.maxBytes = maxBytes;
        this.clients = clients;
    }

    public record Results(int accepted, int duplicates, int rejected, int parked, List<ActivityPipeline.Result> results) {
    }

    @Operation(summary = "Send CRM activity",
            description = "Who may call: integration clients only (role INTEGRATION), and only for the CloudEvents `source`"
                + " values the client is registered for. One CloudEvent or a JSON array of up to 1,000, each "
                + "checked against its type's JSON Schema, de-duplicated by (`source`, `id`) together with what "
                + "came over Kafka, and placed in the owner's day, week and month. Answers 202 with an outcome per "
                + "event: accepted, duplicate, rejected (with the reason; the original bytes also go to "
                + "`crm.activity.dlq`) or parked (the owner is not in the org chart yet; applied when they are "
                + "hired).")
    @Refuses({NOT_ALLOWED, TOO_LARGE})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            description = "One CloudEvent 1.0 in JSON structured mode, or a JSON array of up to 1,000; the types and "
                + "their data are in the inbound contract (docs/integrate/README.md)",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "a payment",
                    summary = "the seed's channel manager E-042 collects a payment", value = """
                            {"specversion":"1.0","id":"crm-core-000184467","source":"urn:acme:crm-core",
                             "type":"crm.payment.received","subject":"payment/P-2026-1181",
                             "time":"2026-11-24T10:15:00+08:00","datacontenttype":"application/json",
                             "dataschemaversion":"1",
                             "data":{"paymentId":"P-2026-1181","customerId":"C-1001","ownerId":"E-042",
                                     "amount":"125000.00","currency":"CNY","receivedAt":"2026-11-24T10:15:00+08:00"}}""")))
    @ApiResponse(responseCode = "202", description = "what became of each event, in the order sent",
            content = @Content(schema = @Schema(implementation = Results.class)))
    @PostMapping
    @PreAuthorize("hasRole('INTEGRATION')")
    public ResponseEntity<?> ingest(HttpServletRequest request) throws Exception {
        if (request.getContentLengthLong() > maxBytes) {
            return tooLarge("the body is " + request.getContentLengthLong() + " bytes; at most " + maxBytes + " are accepted");
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes);
        if (body == null) {
            return tooLarge("the body is larger than " + maxBytes + " bytes");
        }
        String origin = "http/" + Actor.current().id();
        String requestId = RequestIds.current();
        List<Header> headers = requestId == null ? null
                : List.of(new RecordHeader(RequestIds.HEADER, requestId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<ActivityPipeline.Inbound> batch = new ArrayList<>();
        JsonNode parsed = tryParse(body);
        checkSources(Actor.current().id(), parsed);
        if (parsed != null && parsed.isArray()) {
            if (parsed.size() > MAX_EVENTS) {
                return tooLarge("the array holds " + parsed.size() + " events; at most " + MAX_EVENTS + " per request");
            }
            for (JsonNode element : parsed) {
                // the element as the sender wrote it, re-serialised: whitespace may differ from the request's bytes
                batch.add(new ActivityPipeline.Inbound(json.writeValueAsBytes(element), null, headers, origin, Topics.CRM_ACTIVITY));
            }
        } else {
            batch.add(new ActivityPipeline.Inbound(body, null, headers, origin, Topics.CRM_ACTIVITY));
        }
        List<ActivityPipeline.Result> results = pipeline.process(batch);
        Results answer = new Results(count(results, ActivityPipeline.Outcome.ACCEPTED), count(results, ActivityPipeline.Outcome.DUPLICATE),
                count(results, ActivityPipeline.Outcome.REJECTED), count(results, ActivityPipeline.Outcome.PARKED), results);
        log.info("{} sent {} events over HTTP: {} accepted, {} duplicate, {} rejected, {} parked", Actor.current().id(),
                results.size(), answer.accepted(), answer.duplicates(), answer.rejected(), answer.parked());
        return ResponseEntity.accepted().body(answer);
    }

    /**
     * A request with any event whose {@code source} the client is not registered for is refused whole (403, nothing stored
     * and nothing dead-lettered: a dead letter could be replayed onto crm.activity, where no client is checked; the caller
     * is right there to be told). Events
     * without a readable source go on to the pipeline, which rejects them with the reason.
     */
    private void checkSources(String client, JsonNode parsed) {
        if (parsed == null) {
            return;
        }
        List<JsonNode> events = new ArrayList<>();
        if (parsed.isArray()) {
            parsed.forEach(events::add);
        } else {
            events.add(parsed);
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode source = events.get(i).path("source");
            if (!source.isTextual()) {
                continue;
            }
            var why = clients.refusal(client, source.asText());
            if (why.isPresent()) {
                throw new NotAllowed((parsed.isArray() ? "[" + i + "].source" : "source") + ": " + why.get());
            }
        }
    }

    private static int count(List<ActivityPipeline.Result> results, ActivityPipeline.Outcome outcome) {
        return (int) results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private JsonNode tryParse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null; // the pipeline rejects it with the reason, and keeps the bytes
        }
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return bytes.length > max ? null : bytes;
    }

    private static ResponseEntity<ProblemDetail> tooLarge(String detail) {
        ProblemDetail problem = ProblemResponses.problem(ProblemType.TOO_LARGE, detail, null);
        problem.setProperty("limitEvents", MAX_EVENTS);
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }

}
