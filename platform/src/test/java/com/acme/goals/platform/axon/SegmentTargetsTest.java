package com.acme.goals.platform.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class SegmentTargetsTest {

    @ProcessingGroup("views-under-test")
    static class Views {
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        @EventHandler
        void on(String event) {
            seen.add(event);
        }
    }

    private Configuration start(TokenStore tokens, EventStorageEngine events, Views views, int segments) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration().configureEmbeddedEventStore(c -> events);
        configurer.eventProcessing(processing -> processing
                .registerTokenStore(c -> tokens)
                .registerTrackingEventProcessor("views-under-test", c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(segments).andInitialSegmentsCount(segments))
                .registerEventHandler(c -> views));
        return configurer.start();
    }

    @Test
    void a_token_store_made_with_one_segment_is_split_to_the_configured_two_and_both_are_worked() throws Exception {
        TokenStore tokens = new InMemoryTokenStore();
        EventStorageEngine events = new InMemoryEventStorageEngine();
        Views before = new Views();
        Configuration old = start(tokens, events, before, 1);
        old.eventBus().publish(GenericEventMessage.asEventMessage("before the upgrade"));
        await().atMost(Duration.ofSeconds(10)).until(() -> before.seen.contains("before the upgrade"));
        old.shutdown();
        assertThat(tokens.fetchSegments("views-under-test")).hasSize(1);

        Views after = new Views();
        Configuration upgraded = start(tokens, events, after, 2);
        try {
            TrackingEventProcessor processor = upgraded.eventProcessingConfiguration()
                    .eventProcessor("views-under-test", TrackingEventProcessor.class).orElseThrow();
            assertThat(tokens.fetchSegments("views-under-test")).as("Axon keeps the old count").hasSize(1);

            assertThat(SegmentTargets.split(processor, tokens, 2, Duration.ofSeconds(30))).isEqualTo(2);

            // Axon claims the new segment on its own rhythm; if it never does, say what the processor was doing
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(processor.processingStatus())
                    .as("segments worked after the split (running %s, error %s, free threads %d, stored segments %s)",
                            processor.isRunning(), processor.isError(), processor.availableProcessorThreads(),
                            Arrays.toString(tokens.fetchSegments("views-under-test")))
                    .hasSize(2));
            List<String> sent = IntStream.range(0, 50).mapToObj(i -> "event " + i).toList();
            sent.forEach(e -> upgraded.eventBus().publish(GenericEventMessage.asEventMessage(e)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(after.seen).containsAll(sent));
            assertThat(after.seen).as("nothing before the token handled again").doesNotContain("before the upgrade");
        } finally {
            upgraded.shutdown();
        }
    }

    /** A processor holding segment 0 of one, whose split adds segment 1; {@code unclaimed} is what the store says is free. */
    private TrackingEventProcessor splittable(TokenStore tokens, List<Segment> unclaimed) {
        TrackingEventProcessor processor = mock(TrackingEventProcessor.class);
        EventTrackerStatus working = mock(EventTrackerStatus.class);
        when(working.getSegment()).thenReturn(Segment.ROOT_SEGMENT);
        when(processor.getName()).thenReturn("views-under-test");
        when(processor.processingStatus()).thenReturn(Map.of(0, working));
        when(processor.splitSegment(0)).thenReturn(CompletableFuture.completedFuture(true));
        when(processor.availableProcessorThreads()).thenReturn(1);
        // read before the loop, before the split, after it, and for the new count
        when(tokens.fetchSegments("views-under-test")).thenReturn(new int[]{0}, new int[]{0}, new int[]{0, 1});
        when(tokens.fetchAvailableSegments("views-under-test")).thenReturn(unclaimed);
        return processor;
    }

    @Test
    void a_split_off_segment_no_one_claims_while_a_thread_is_free_gets_the_processor_restarted() throws Exception {
        TokenStore tokens = mock(TokenStore.class);
        TrackingEventProcessor processor = splittable(tokens, List.of(Segment.computeSegment(1, 0, 1)));

        assertThat(SegmentTargets.split(processor, tokens, 2, Duration.ofSeconds(10), Duration.ofMillis(300))).isEqualTo(2);

        verify(processor).shutDown();
        verify(processor).start();
    }

    @Test
    void a_split_off_segment_another_instance_claimed_is_left_to_it() throws Exception {
        TokenStore tokens = mock(TokenStore.class);
        TrackingEventProcessor processor = splittable(tokens, List.of());

        assertThat(SegmentTargets.split(processor, tokens, 2, Duration.ofSeconds(10), Duration.ofMillis(300))).isEqualTo(2);

        verify(processor, never()).shutDown();
        verify(processor, never()).start();
    }
}
