package com.acme.goals.platform.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** One replica of a service in a test: a two-segment tracking processor on a shared event store and token store. */
final class ProcessorReplica {

    private ProcessorReplica() {
    }

    /** Starts it (added to {@code started}, for the test to shut down) and returns its processor. */
    static TrackingEventProcessor start(EventStorageEngine events, TokenStore tokens, Object views, List<Configuration> started) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration().configureEmbeddedEventStore(c -> events);
        configurer.eventProcessing(processing -> processing
                .registerTokenStore(c -> tokens)
                .registerTrackingEventProcessor("views-under-test", c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(2).andInitialSegmentsCount(2)
                                .andTokenClaimInterval(300, TimeUnit.MILLISECONDS))
                .registerEventHandler(c -> views));
        Configuration configuration = configurer.start();
        started.add(configuration);
        return configuration.eventProcessingConfiguration().eventProcessor("views-under-test", TrackingEventProcessor.class).orElseThrow();
    }
}
