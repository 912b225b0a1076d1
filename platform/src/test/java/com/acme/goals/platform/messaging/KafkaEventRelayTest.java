package com.acme.goals.platform.messaging;

import com.acme.goals.contracts.org.EmployeeRegistered;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay sends a batch's records without waiting for each, and the batch's unit of work commits (so its processor
 * stores the token) only once the broker acknowledged every one: a refused record rolls the batch back.
 */
class KafkaEventRelayTest {

    private final MockProducer<String, byte[]> broker = new MockProducer<>(false, new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KafkaEventRelay relay = new KafkaEventRelay(broker,
            new CloudEventCodec(new ObjectMapper().registerModule(new JavaTimeModule())), meters);

    private static List<EventMessage<?>> hires(int n) {
        return IntStream.range(0, n).<EventMessage<?>>mapToObj(i -> new GenericDomainEventMessage<>("OrgDirectory", "org", i,
                new EmployeeRegistered("E-" + i, "name", "SALES_REP", null, "Asia/Shanghai", "test", Instant.now()))).toList();
    }

    /** Runs the batch as a tracking processor does, on its own thread; done when the unit of work has ended. */
    private CompletableFuture<BatchingUnitOfWork<EventMessage<?>>> relayed(List<EventMessage<?>> batch) {
        return CompletableFuture.supplyAsync(() -> {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            unitOfWork.executeWithResult(() -> {
                relay.on((com.acme.goals.contracts.DomainEvent) unitOfWork.getMessage().getPayload(), unitOfWork.getMessage());
                return null;
            });
            return unitOfWork;
        });
    }

    @Test
    void a_batch_is_sent_whole_before_any_acknowledgement_and_commits_once_all_are_acknowledged() {
        CompletableFuture<BatchingUnitOfWork<EventMessage<?>>> batch = relayed(hires(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.history().size() == 3);
        assertThat(batch).as("waits for the broker").isNotDone();
        broker.completeNext();
        broker.completeNext();
        assertThat(batch).isNotDone();
        broker.completeNext();
        BatchingUnitOfWork<EventMessage<?>> done = batch.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(done.isRolledBack()).isFalse();
        assertThat(meters.counter("goals.relay.published", "topic", "org.events", "type", "goal.EmployeeRegistered").count()).isEqualTo(3);
    }

    @Test
    void a_record_the_broker_refuses_rolls_the_batch_back() {
        CompletableFuture<BatchingUnitOfWork<EventMessage<?>>> batch = relayed(hires(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.history().size() == 3);
        broker.completeNext();
        broker.errorNext(new org.apache.kafka.common.errors.TimeoutException("the broker is away"));
        broker.completeNext();
        BatchingUnitOfWork<EventMessage<?>> done = batch.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(done.isRolledBack()).as("the token must not pass an event Kafka does not have").isTrue();
    }
}
