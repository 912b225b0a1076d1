package com.acme.goals.platform.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay and the projections are tracking processors: when a handler fails (Kafka does not acknowledge, the store
 * is down), the event must be handled again later, never skipped. Axon's default logs the error and moves on.
 */
class ProcessorsNeverSkipTest {

    /** Fails on "second" the first two times, as a relay does while Kafka is away. */
    @ProcessingGroup("relay-under-test")
    static class FlakyRelay {
        final List<String> published = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();

        @EventHandler
        void on(String event) {
            if (event.equals("second") && failures.getAndIncrement() < 2) {
                throw new IllegalStateException("Kafka did not acknowledge within 30 s");
            }
            published.add(event);
        }
    }

    private Configuration start(FlakyRelay relay, boolean neverSkip) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing(processing -> {
            processing.registerTokenStore(c -> new InMemoryTokenStore());
            processing.registerTrackingEventProcessor("relay-under-test");
            processing.registerEventHandler(c -> relay);
            if (neverSkip) {
                AxonMongoConfiguration.neverSkip(processing);
            }
        });
        Configuration configuration = configurer.buildConfiguration();
        // stored before the processor starts: published while its worker opened the stream, Axon's in-memory store once
        // handed it "third" without "first" (CI, 2026-12-07); this test is about a failing handler, not that race
        configuration.eventBus().publish(GenericEventMessage.asEventMessage("first"), GenericEventMessage.asEventMessage("second"),
                GenericEventMessage.asEventMessage("third"));
        configuration.start();
        return configuration;
    }

    @Test
    void a_failing_handler_holds_its_processor_until_the_event_goes_through_in_order() {
        FlakyRelay relay = new FlakyRelay();
        Configuration configuration = start(relay, true);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(relay.published).containsExactly("first", "second", "third"));
            assertThat(relay.failures.get()).isEqualTo(3); // two failures, then the call that went through
        } finally {
            configuration.shutdown();
        }
    }

    @Test
    void without_it_axon_would_skip_the_event_this_is_why_the_platform_sets_it() {
        FlakyRelay relay = new FlakyRelay();
        Configuration configuration = start(relay, false);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(relay.published).contains("third"));
            assertThat(relay.published).containsExactly("first", "third");
        } finally {
            configuration.shutdown();
        }
    }
}
