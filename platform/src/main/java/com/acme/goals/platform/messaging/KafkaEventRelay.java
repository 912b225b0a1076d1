package com.acme.goals.platform.messaging;

import com.acme.goals.contracts.DomainEvent;
import com.acme.goals.contracts.EventTypes;
import com.acme.goals.platform.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The outbox: a tracking processor reads the service's own event store and publishes each event to its
 * Kafka topic as a CloudEvent, keyed by owner. The token only moves after Kafka acknowledged the records
 * (idempotent producer, acks=all), so an event is published at least once and never lost; the CloudEvent
 * id is the Axon event id, so a re-publication after a crash carries the same id and consumers drop it.
 * A batch's records are sent one after the other and their acknowledgements awaited once, by the batch's last
 * event, before its unit of work stores the token: the producer groups them into a few requests, where waiting
 * for each record made the broker answer one request per event. Axon builds a batch only of events this processor
 * handles (its TrackingEventProcessor filters with canHandle first), so a batch's last event always comes here.
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventRelay.class);
    private static final String SENT = KafkaEventRelay.class.getName() + ".sent";

    private final Producer<String, byte[]> producer;
    private final CloudEventCodec codec;
    private final MeterRegistry meters;

    public KafkaEventRelay(Producer<String, byte[]> producer, CloudEventCodec codec, MeterRegistry meters) {
        this.producer = producer;
        this.codec = codec;
        this.meters = meters;
    }

    private record Sent(Future<RecordMetadata> ack, String topic, String type) {
    }

    @EventHandler
    public void on(DomainEvent event, EventMessage<?> message) throws Exception {
        List<Sent> sent = sentInThisBatch();
        var type = EventTypes.byClass(event.getClass()).orElse(null);
        if (type != null) { // else an internal event that is not part of the published language
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
            sent.add(new Sent(producer.send(record), type.topic(), type.name()));
            log.debug("publishing {} {} to {}", type.name(), message.getIdentifier(), type.topic());
        }
        if (lastOfBatch()) {
            awaitAcks(sent);
        }
    }

    /** The records this batch sent so far (a unit of work's resource; a list of its own outside one). */
    private static List<Sent> sentInThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ArrayList<>();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(SENT, key -> new ArrayList<>());
    }

    private static boolean lastOfBatch() {
        return !CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)
                || batch.isLastMessage();
    }

    /** Waits for the broker: the processor's token must not pass an event Kafka does not have. */
    private void awaitAcks(List<Sent> sent) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Sent one : sent) {
            one.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            meters.counter("goals.relay.published", "topic", one.topic(), "type", one.type()).increment();
        }
        sent.clear();
    }
}
