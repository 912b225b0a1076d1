package com.acme.goals.platform.messaging;

import com.acme.goals.contracts.DomainEvent;
import com.acme.goals.contracts.EventTypes;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.MetricDelta;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-pass encoder writes what the CloudEvents SDK wrote before it, and the SDK reads it back. */
class CloudEventCodecTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final CloudEventCodec codec = new CloudEventCodec(mapper);
    private final JsonFormat sdk = new JsonFormat();

    /** Moments of today, from the clock: the codec reads none, but a test must not hold a fixed day. */
    private static final Instant TODAY = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    private static final Instant AT = TODAY.plusSeconds(2 * 3600 + 3 * 60 + 4).plusMillis(500);
    private static final LocalDate DAY = LocalDate.ofInstant(TODAY, ZoneOffset.UTC);
    private static final String WEEK = String.format("%d-W%02d", DAY.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
            DAY.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));

    private final ActivityRecorded payment = new ActivityRecorded("a-1", "urn:acme:crm-core", "crm-1", "crm.payment.received", "E-042",
            "C-1", "payment/P-17", AT, "Asia/Shanghai", DAY, WEEK,
            DAY.toString().substring(0, 7), List.of(new MetricDelta("payment_collection", new BigDecimal("25000.10"), "CNY")), null, "paymentId", "P-17",
            "payment/17 \"quoted\" 客户");
    private final GoalSet goal = new GoalSet("G-1", "E-042", "WEEK", WEEK, null, "本周",
            List.of(new NumericTarget("payment_collection", new BigDecimal("100000"), "CNY")), List.of(), "E-100",
            TODAY);

    @Test
    void an_activity_says_in_its_headers_whether_it_completes_a_planned_action_and_other_events_say_nothing() {
        org.apache.kafka.common.header.internals.RecordHeaders noAction = new org.apache.kafka.common.header.internals.RecordHeaders();
        CloudEventCodec.describe(noAction, payment);
        org.apache.kafka.common.header.internals.RecordHeaders visit = new org.apache.kafka.common.header.internals.RecordHeaders();
        CloudEventCodec.describe(visit, new ActivityRecorded("a-2", "urn:acme:crm-core", "crm-2", "crm.visit.logged", "E-042",
                "C-1", "visit/V-1", AT, "Asia/Shanghai", DAY, WEEK, DAY.toString().substring(0, 7), List.of(), "A-7"));
        org.apache.kafka.common.header.internals.RecordHeaders goalSet = new org.apache.kafka.common.header.internals.RecordHeaders();
        CloudEventCodec.describe(goalSet, goal);

        assertThat(CloudEventCodec.completesNoAction(noAction)).isTrue();
        assertThat(CloudEventCodec.completesNoAction(visit)).isFalse();
        assertThat(new String(visit.lastHeader(CloudEventCodec.ACTION_HEADER).value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("A-7");
        assertThat(CloudEventCodec.completesNoAction(goalSet)).as("no header: nothing is said").isFalse();
    }

    @Test
    void the_document_is_the_one_the_sdk_wrote_with_and_without_subject_and_sequence() throws Exception {
        Instant whole = TODAY.plusSeconds(2 * 3600); // no seconds: the time must still carry them, as the SDK's did
        for (DomainEvent event : List.<DomainEvent>of(payment, goal)) {
            for (String subject : new String[]{"E-042", null}) {
                for (Long sequence : new Long[]{7L, null}) {
                    for (Instant time : List.of(whole, TODAY.plusSeconds(7384).plusNanos(123_456_000))) {
                        JsonNode ours = mapper.readTree(codec.encode(event, "id-1", subject, time, sequence));
                        JsonNode theirs = mapper.readTree(viaSdk(event, "id-1", subject, time, sequence));
                        assertThat(ours).as("%s subject=%s sequence=%s time=%s", event.getClass().getSimpleName(), subject, sequence, time)
                                .isEqualTo(theirs);
                    }
                }
            }
        }
    }

    @Test
    void the_sdk_and_the_decoder_read_it_back_exactly() {
        byte[] bytes = codec.encode(payment, "id-1", "E-042", AT, 3L);
        CloudEvent read = sdk.deserialize(bytes);
        assertThat(read.getId()).isEqualTo("id-1");
        assertThat(read.getType()).isEqualTo("crm.ActivityRecorded");
        assertThat(read.getTime()).isEqualTo(OffsetDateTime.ofInstant(AT, ZoneOffset.UTC));
        CloudEventCodec.Envelope envelope = codec.decode(bytes);
        assertThat(envelope.sequence()).isEqualTo(3L);
        assertThat(codec.payload(envelope)).contains(payment);
    }

    @Test
    void data_written_before_its_type_or_not_matching_its_contract_is_read_as_before() {
        byte[] ours = codec.encode(payment, "id-1", "E-042", AT, 3L);
        assertThat(codec.decode(ours).event()).as("read straight into the record").isEqualTo(payment);
        String json = new String(ours, java.nio.charset.StandardCharsets.UTF_8);
        int data = json.indexOf(",\"data\":");
        String dataFirst = "{" + json.substring(data + 1, json.length() - 1) + "," + json.substring(1, data) + "}";
        CloudEventCodec.Envelope reordered = codec.decode(dataFirst.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(reordered.data()).as("kept as a tree").isNotNull();
        assertThat(codec.payload(reordered)).contains(payment);
        assertThat(reordered.sequence()).isEqualTo(3L);
        assertThat(reordered.time()).isEqualTo(AT);
        String wrong = json.replace("\"amount\":", "\"amount\":{\"not\":\"money\"},\"was\":");
        CloudEventCodec.Envelope unreadable = codec.decode(wrong.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.payload(unreadable))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match its contract");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(json.replace("\"1.0\"", "\"0.3\"").getBytes()))
                .hasMessage("not a CloudEvents 1.0 JSON event: specversion 0.3 is not 1.0");
    }

    @Test
    void the_decoder_reads_what_the_sdk_writes_and_refuses_what_it_refuses() throws Exception {
        Instant at = AT;
        CloudEventCodec.Envelope fromSdk = codec.decode(viaSdk(payment, "id-9", "E-042", at, 12L));
        assertThat(fromSdk.id()).isEqualTo("id-9");
        assertThat(fromSdk.source()).isEqualTo(EventTypes.byClass(ActivityRecorded.class).orElseThrow().source());
        assertThat(fromSdk.subject()).isEqualTo("E-042");
        assertThat(fromSdk.time()).isEqualTo(at);
        assertThat(fromSdk.dataSchemaVersion()).isEqualTo(EventTypes.byClass(ActivityRecorded.class).orElseThrow().schemaVersion());
        assertThat(fromSdk.sequence()).isEqualTo(12L);
        assertThat(codec.payload(fromSdk)).contains(payment);
        // binary data in data_base64, as another producer may send it
        byte[] base64 = ("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"urn:s\",\"type\":\"t\",\"data_base64\":\""
                + java.util.Base64.getEncoder().encodeToString("{\"a\":1.10}".getBytes()) + "\"}").getBytes();
        assertThat(codec.decode(base64).data().get("a").decimalValue()).isEqualByComparingTo("1.10");
        // the contract is CloudEvents 1.0: a 0.3 event (which the SDK would read) is refused with the reason
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(
                        "{\"specversion\":\"0.3\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\"}".getBytes()))
                .hasMessage("not a CloudEvents 1.0 JSON event: specversion 0.3 is not 1.0");
        for (String bad : List.of("not a cloud event", "[1,2]", "{\"id\":\"x\",\"source\":\"s\",\"type\":\"t\"}",
                "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\"}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"time\":\"yesterday\"}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sdk.deserialize(bad.getBytes())).as("the SDK refuses %s", bad);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(bad.getBytes())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a CloudEvents 1.0 JSON event: ");
        }
    }

    /** How the codec wrote events before issue 18: the SDK's builder and JSON format. */
    private byte[] viaSdk(DomainEvent event, String id, String subject, Instant time, Long sequence) throws Exception {
        EventTypes.EventType type = EventTypes.byClass(event.getClass()).orElseThrow();
        ObjectMapper exact = mapper.copy();
        exact.configOverride(BigDecimal.class).setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(
                com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(id).withSource(URI.create(type.source())).withType(type.name())
                .withTime(OffsetDateTime.ofInstant(time, ZoneOffset.UTC)).withDataContentType("application/json")
                .withExtension("dataschemaversion", type.schemaVersion()).withData(exact.writeValueAsBytes(event));
        if (subject != null) {
            builder.withSubject(subject);
        }
        if (sequence != null) {
            builder.withExtension("sequence", String.valueOf(sequence));
        }
        return sdk.serialize(builder.build());
    }
}
