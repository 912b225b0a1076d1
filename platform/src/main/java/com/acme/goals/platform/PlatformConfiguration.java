package com.acme.goals.platform;

import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.platform.messaging.InboundContract;
import com.acme.goals.platform.messaging.KafkaEventRelay;
import com.acme.goals.platform.time.ServiceClock;
import com.acme.goals.platform.web.ProblemResponses;
import com.acme.goals.platform.web.RequestIds;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Wiring every service shares: JSON, MongoDB, the relay, request ids (Kafka consumers: feed.FeedConfiguration). */
@AutoConfiguration(after = {org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration.class,
        org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration.class})
@org.springframework.scheduling.annotation.EnableScheduling
public class PlatformConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlatformConfiguration.class);

    /** One clock per service for every decision by time; a test stack may move it (never under the production profile). */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock(@Value("${goals.clock.offset:PT0S}") Duration offset, Environment environment) {
        Clock clock = ServiceClock.of(offset, environment.getActiveProfiles());
        if (!offset.isZero()) {
            log.warn("clock moved by {} ({}): this service believes it is {}", offset, ServiceClock.OFFSET_PROPERTY, clock.instant());
        }
        // Axon stamps events with a static clock of its own: the same one keeps event times and payload times together
        GenericEventMessage.clock = clock;
        return clock;
    }

    /** Amounts travel as decimal strings ("25000.00"), never as floating point. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer decimalsAsStrings() {
        return builder -> builder.postConfigurer(mapper ->
                mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
    }

    @Bean
    public MongoDatabase serviceDatabase(MongoClient client, @Value("${goals.mongo.database}") String database) {
        return client.getDatabase(database);
    }

    /** Periodic work one replica does for all: under a lease in the service's database. */
    @Bean
    public com.acme.goals.platform.replicas.Leases leases(MongoDatabase serviceDatabase, Clock clock) {
        return new com.acme.goals.platform.replicas.Leases(serviceDatabase, clock);
    }

    @Bean
    public HealthIndicator mongoHealthIndicator(MongoDatabase serviceDatabase) {
        return () -> {
            try {
                serviceDatabase.runCommand(new Document("ping", 1));
                return Health.up().withDetail("database", serviceDatabase.getName()).build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    @Bean
    public CloudEventCodec cloudEventCodec(ObjectMapper objectMapper) {
        return new CloudEventCodec(objectMapper);
    }

    /** How far each Kafka projection of this service is behind, as a gauge and for the admin endpoints. */
    @Bean
    @ConditionalOnBean(org.springframework.kafka.core.KafkaAdmin.class)
    public com.acme.goals.platform.messaging.ProjectionLag projectionLag(
            org.springframework.kafka.config.KafkaListenerEndpointRegistry registry,
            org.springframework.kafka.core.KafkaAdmin kafkaAdmin, MeterRegistry meters) {
        return new com.acme.goals.platform.messaging.ProjectionLag(registry, kafkaAdmin, meters);
    }

    /**
     * The service's own topics ({@link com.acme.goals.platform.messaging.OwnedTopics}, declared in its configuration),
     * created at start with their dead-letter topics; existing ones get the same settings (kept forever).
     */
    @Bean
    @ConditionalOnBean(org.springframework.kafka.core.KafkaAdmin.class)
    public org.springframework.kafka.core.KafkaAdmin.NewTopics ownedTopicDeclarations(
            org.springframework.beans.factory.ObjectProvider<com.acme.goals.platform.messaging.OwnedTopics> owned,
            org.springframework.kafka.core.KafkaAdmin kafkaAdmin, com.acme.goals.platform.messaging.TopicLayout layout) {
        kafkaAdmin.setModifyTopicConfigs(true);
        com.acme.goals.platform.messaging.OwnedTopics topics = owned.getIfAvailable(() -> com.acme.goals.platform.messaging.OwnedTopics.of());
        log.info("topics owned here (created if missing, kept forever, with .dlq): {}", topics.names());
        return topics.declarations(layout);
    }

    /** The one reading of {@code goals.topics.*}: the owned topics are made with it, the feeds size their fetches by it. */
    @Bean
    public com.acme.goals.platform.messaging.TopicLayout topicLayout(@Value("${goals.topics.partitions:3}") int partitions,
                                                                    @Value("${goals.topics.replicas:1}") short replicas) {
        return new com.acme.goals.platform.messaging.TopicLayout(partitions, replicas);
    }

    /**
     * After the start, each owned topic made by someone else meanwhile (see {@link com.acme.goals.platform.messaging.OwnedTopics})
     * is set to keep its records for good. A failure is logged, not fatal: the service still works, a rebuild may not.
     */
    @Bean
    @ConditionalOnBean(org.springframework.kafka.core.KafkaAdmin.class)
    public org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationStartedEvent> ownedTopicsKeptForever(
            org.springframework.beans.factory.ObjectProvider<com.acme.goals.platform.messaging.OwnedTopics> owned,
            org.springframework.kafka.core.KafkaAdmin kafkaAdmin) {
        return started -> {
            com.acme.goals.platform.messaging.OwnedTopics topics = owned.getIfAvailable(() -> com.acme.goals.platform.messaging.OwnedTopics.of());
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafkaAdmin.getConfigurationProperties())) {
                List<String> mended = topics.keepForever(admin, Duration.ofSeconds(30));
                if (!mended.isEmpty()) {
                    log.warn("topics {} were created by another client with the broker's retention; now kept forever", mended);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.error("could not check that the owned topics {} keep their records for good", topics.withDeadLetters(), e);
            }
        };
    }

    /** The inbound types' JSON Schemas, loaded once. */
    @Bean
    public InboundContract inboundContract() {
        return new InboundContract();
    }

    @Bean
    public Producer<String, byte[]> eventProducer(KafkaProperties kafka, MeterRegistry meters,
                                                  @Value("${spring.application.name}") String application) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties(null));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-events");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props);
        new KafkaClientMetrics(producer).bindTo(meters);
        return producer;
    }

    @Bean
    @ConditionalOnClass(CommandGateway.class)
    @ConditionalOnProperty(name = "goals.relay.enabled", havingValue = "true", matchIfMissing = true)
    public KafkaEventRelay kafkaEventRelay(Producer<String, byte[]> eventProducer, CloudEventCodec codec, MeterRegistry meters) {
        return new KafkaEventRelay(eventProducer, codec, meters);
    }

    /** Copies the request id into every command's metadata; Axon carries it on to the events. */
    @Bean
    public MessageDispatchInterceptor<CommandMessage<?>> requestIdOnCommands() {
        return messages -> (index, message) -> {
            String requestId = RequestIds.current();
            return requestId == null ? message : message.andMetaData(Map.of(RequestIds.METADATA_KEY, requestId));
        };
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    public ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    public FilterRegistrationBean<RequestIds> requestIds() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    // Kafka consumers: see feed.FeedConfiguration (one way to consume, retries, dead letters, parking, positions)
}
