package com.acme.goals.platform.messaging;

import com.acme.goals.contracts.DomainEvent;
import com.acme.goals.contracts.EventTypes;
import com.acme.goals.platform.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The outbox: a tracking processor reads the service's own event store and publishes each event to its
 * Kafka topic as a CloudEvent, keyed by owner. The token only moves after Kafka acknowledged the record
 * (idempotent producer, acks=all), so an event is published at least once and never lost; the CloudEvent
 * id is the Axon event id, so a re-publication after a crash carries the same id and consumers drop it.
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventRelay.class);

    private final Producer<String, byte[]> producer;
    private final CloudEventCodec codec;
    private final MeterRegistry meters;

    public KafkaEventRelay(Producer<String, byte[]> producer, CloudEventCodec codec, MeterRegistry meters) {
        this.producer = producer;
        this.codec = codec;
        this.meters = meters;
    }

    @EventHandler
    public void on(DomainEvent event, EventMessage<?> message) throws Exception {
        var type = EventTypes.byClass(event.getClass()).orElse(null);
        if (type == null) {
            return; // an internal event that is not part of the published language
        }
        String subject = null;
        Long sequence = null;
        if (message instanceof DomainEventMessage<?> domainMessage) {
            subject = domainMessage.getAggregateIdentifier();
            sequence = domainMessage.getSequenceNumber();
        }
        byte[] bytes = codec.encode(event, message.getIdentifier(), subject, message.getTimestamp(), sequence);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.partitionKey(), bytes);
        CloudEventCodec.describe(record.headers(), event);
        Object requestId = message.getMetaData().get(RequestIds.METADATA_KEY);
        if (requestId != null) {
            record.headers().add(RequestIds.HEADER, requestId.toString().getBytes(StandardCharsets.UTF_8));
        }
        // wait for the broker: the processor's token must not pass an event Kafka does not have
        producer.send(record).get(30, TimeUnit.SECONDS);
        meters.counter("goals.relay.published", "topic", type.topic(), "type", type.name()).increment();
        log.debug("published {} {} to {}", type.name(), message.getIdentifier(), type.topic());
    }
}
