package com.acme.goals.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import com.acme.goals.platform.web.RequestIds;

/**
 * Axon without Axon Server: the event store and the token store live in the service's own MongoDB
 * database (axon-mongo has no Spring Boot starter for 4.12, so it is wired here). Jackson everywhere,
 * never XStream.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(MongoEventStorageEngine.class)
public class AxonMongoConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AxonMongoConfiguration.class);

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, @Value("${goals.mongo.database}") String database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    @Bean
    @Primary
    public Serializer serializer(ObjectMapper objectMapper) {
        return JacksonSerializer.builder().objectMapper(objectMapper).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(ObjectMapper objectMapper) {
        return new TypeNameSerializer(JacksonSerializer.builder().objectMapper(objectMapper).build());
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(ObjectMapper objectMapper) {
        return new TypeNameSerializer(JacksonSerializer.builder().objectMapper(objectMapper).build());
    }

    @Bean
    public EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate, Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 @Value("${goals.event-store.look-back:PT10S}") java.time.Duration lookBack) {
        return storageEngine(axonMongoTemplate, serializer, eventSerializer, lookBack);
    }

    /**
     * Tracking processors follow the store by event timestamp and remember the ids they saw within {@code lookBack}
     * of the newest; an event whose timestamp (taken when a command applied it) is older than that when it becomes
     * visible is never read. With one writer that needs a commit slower than the look-back; with replicas writing one
     * store, a slow commit on one and a quick one on the other is enough, and clocks that disagree add to it. Axon's
     * default is one second; ten keeps a slow commit under load and NTP-grade skew inside the window
     * (EventStoreLookBackTest shows the skip at one second and none at ten).
     */
    public static MongoEventStorageEngine storageEngine(MongoTemplate template, Serializer serializer, Serializer eventSerializer,
                                                        java.time.Duration lookBack) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .storageStrategy(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), lookBack) {
                    // each read advances a SharedWindowToken: the window is shared, not copied for every event
                    @Override
                    public java.util.List<? extends org.axonframework.eventhandling.TrackedEventData<?>> findTrackedEvents(
                            com.mongodb.client.MongoCollection<org.bson.Document> events,
                            org.axonframework.eventhandling.TrackingToken lastToken, int batchSize) {
                        return super.findTrackedEvents(events, lastToken instanceof MongoTrackingToken mongo
                                ? SharedWindowToken.of(mongo) : lastToken, batchSize);
                    }
                })
                .build();
        // unique (aggregate, sequence) index: a concurrent append fails instead of forking the history
        engine.ensureIndexes();
        return engine;
    }

    /**
     * Axon's own event store, as its auto-configuration builds it, with a smaller cache of recent events for the
     * processors of this JVM. Each cached event carries a tracking token, and a Mongo token holds the id of every event
     * in the look-back window: at 50 hires a second with a 10 s window, the default cache of 10,000 events held about
     * 5 million map entries (218 MB) and ran goal-service out of its heap in a company of 10,000. A processor further
     * behind than the cache reads the store instead, as it does after a restart.
     */
    @Bean
    public org.axonframework.eventsourcing.eventstore.EmbeddedEventStore eventStore(
            org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${goals.event-store.cached-events:500}") int cachedEvents) {
        return org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(org.axonframework.eventsourcing.eventstore.EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(org.axonframework.eventhandling.EventBusSpanFactory.class))
                .cachedEvents(cachedEvents)
                .build();
    }

    /**
     * Mongo's token store (claims time out after 10 s), renewing an idle processor's claim every 4 s rather than every
     * second ({@link SparseClaimRenewal}): claims are wall-clock times, so the system clock, never the services' own.
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                 @Value("${goals.axon.claim-renewal:PT4S}") java.time.Duration claimRenewal) {
        MongoTokenStore store = MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
        store.ensureIndexes();
        return new SparseClaimRenewal(store, claimRenewal, java.time.Clock.systemUTC());
    }

    /**
     * Axon's meters (command bus, event store, processors with their lag) in the same registry Actuator exports;
     * left to itself, Axon's auto-configuration may build a private SimpleMeterRegistry no one scrapes.
     */
    @Bean
    public GlobalMetricRegistry axonMetricRegistry(MeterRegistry meterRegistry) {
        return new GlobalMetricRegistry(meterRegistry);
    }

    @Bean
    public MetricsConfigurerModule axonMetricsModule(GlobalMetricRegistry axonMetricRegistry) {
        return new MetricsConfigurerModule(axonMetricRegistry, true);
    }

    /**
     * Every processor (the relay to Kafka and every projection) stops and retries when a handler fails, instead of
     * Axon's default of logging the error and moving its token past the event: an outage of Kafka or of the store
     * delays the relay and the read models, never skips an event.
     */
    @Bean
    public ConfigurerModule processorsNeverSkip() {
        return configurer -> configurer.eventProcessing(AxonMongoConfiguration::neverSkip);
    }

    /** An event handler's failure propagates to its processor, which releases its claim and retries with back-off. */
    public static void neverSkip(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        processing.registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * After the start, each tracking processor with a configured {@code initial-segment-count} whose token store holds
     * fewer segments (made by an older release) is split up to it ({@link SegmentTargets}), in the background.
     */
    @Bean
    public org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationReadyEvent> segmentTargets(
            org.springframework.beans.factory.ObjectProvider<org.axonframework.config.EventProcessingConfiguration> processing,
            TokenStore tokenStore, org.springframework.core.env.Environment environment) {
        return ready -> processing.ifAvailable(configuration -> configuration.eventProcessors().forEach((name, processor) -> {
            Integer target = environment.getProperty("axon.eventhandling.processors." + name + ".initial-segment-count", Integer.class);
            if (target != null && processor instanceof org.axonframework.eventhandling.TrackingEventProcessor tracking) {
                Thread splitter = new Thread(() -> {
                    try {
                        SegmentTargets.split(tracking, tokenStore, target, java.time.Duration.ofMinutes(2));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "segment-targets-" + name);
                splitter.setDaemon(true);
                splitter.start();
            }
        }));
    }

    @Bean
    public SegmentShares segmentShares(com.mongodb.client.MongoClient client, @Value("${goals.mongo.database}") String database,
                                       TokenStore tokenStore, java.time.Clock clock, com.acme.goals.platform.replicas.Leases leases) {
        return new SegmentShares(client.getDatabase(database), tokenStore, clock, leases.holder(), java.time.Duration.ofSeconds(12));
    }

    /** Every 5 s: this replica is alive, and gives up a segment of a processor it holds more than its share of. */
    @Bean
    public org.springframework.scheduling.annotation.SchedulingConfigurer segmentSharing(SegmentShares shares,
            org.springframework.beans.factory.ObjectProvider<org.axonframework.config.EventProcessingConfiguration> processing) {
        return registrar -> registrar.addFixedDelayTask(() -> processing.ifAvailable(configuration -> {
            try {
                shares.share(configuration.eventProcessors().values().stream()
                        .filter(org.axonframework.eventhandling.TrackingEventProcessor.class::isInstance)
                        .map(org.axonframework.eventhandling.TrackingEventProcessor.class::cast).toList());
            } catch (RuntimeException e) {
                log.warn("could not share the processors' segments this time: {}", e.toString());
            }
        }), java.time.Duration.ofSeconds(5));
    }

    /** Carries the HTTP request id from a command to the events it causes, and so on to Kafka. */
    @Bean
    public CorrelationDataProvider requestIdCorrelation() {
        return new SimpleCorrelationDataProvider(RequestIds.METADATA_KEY);
    }
}
