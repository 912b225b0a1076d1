package com.acme.goals.platform.axon;

import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TypeNameSerializerTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final GoalSet event = new GoalSet("G-1", "E-042", "WEEK", "2026-W48", null, "week 48",
            List.of(new NumericTarget("payment_collection", new BigDecimal("100000.00"), "CNY")), List.of(), "E-100",
            Instant.parse("2026-11-26T02:00:00Z"));

    @Test
    void published_events_are_stored_under_their_stable_type_name_not_the_class_name() {
        TypeNameSerializer serializer = new TypeNameSerializer(JacksonSerializer.builder().objectMapper(mapper).build());
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        assertThat(stored.getType().getName()).isEqualTo("goal.GoalSet");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("com.acme");
        Object back = serializer.deserialize(stored);
        assertThat(back).isEqualTo(event);
    }

    @Test
    void a_cloudevent_carries_the_type_name_the_id_and_the_data() {
        CloudEventCodec codec = new CloudEventCodec(mapper);
        byte[] bytes = codec.encode(event, "evt-1", "G-1", Instant.parse("2026-11-26T02:00:00Z"), 0L);
        CloudEventCodec.Envelope envelope = codec.decode(bytes);
        assertThat(envelope.type()).isEqualTo("goal.GoalSet");
        assertThat(envelope.source()).isEqualTo("urn:goal");
        assertThat(envelope.id()).isEqualTo("evt-1");
        assertThat(envelope.subject()).isEqualTo("G-1");
        assertThat(envelope.dataSchemaVersion()).isEqualTo("1");
        assertThat(codec.payload(envelope)).contains(event);
    }
}
