package com.acme.goals.platform.feed;

import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.platform.messaging.TopicLayout;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The plumbing of {@link EventFeed}s: one listener container factory, their dead letters, parking and positions. */
@AutoConfiguration(afterName = {"com.acme.goals.platform.PlatformConfiguration",
        "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration"})
@ConditionalOnClass(ConcurrentKafkaListenerContainerFactoryConfigurer.class)
public class FeedConfiguration {

    public static final String CONTAINER_FACTORY = "eventFeedListenerFactory";
    private static final Logger log = LoggerFactory.getLogger(FeedConfiguration.class);

    @Bean
    public DeadLetters deadLetters(Producer<String, byte[]> eventProducer, MeterRegistry meters, Clock clock) {
        return new DeadLetters(eventProducer, meters, clock);
    }

    @Bean
    public ConsumerPositions consumerPositions(MongoDatabase serviceDatabase, Clock clock) {
        return new ConsumerPositions(serviceDatabase, clock);
    }

    @Bean
    public ParkedRecords parkedRecords(MongoDatabase serviceDatabase, Clock clock) {
        return new ParkedRecords(serviceDatabase, clock);
    }

    /** The admin's listing of what the feeds parked, where a service names its path (it parks only if it has feeds). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("goals.feed.parked-path")
    public com.acme.goals.platform.web.ParkedRecordsController parkedRecordsController(ParkedRecords parked) {
        return new com.acme.goals.platform.web.ParkedRecordsController(parked);
    }

    @Bean
    public EventFeeds eventFeeds(@Value("${spring.application.name}") String service, CloudEventCodec codec, DeadLetters deadLetters,
                                 ParkedRecords parked, ConsumerPositions positions, MeterRegistry meters,
                                 com.acme.goals.platform.replicas.Leases leases,
                                 @Value("${goals.feed.parked-retry:PT10S}") java.time.Duration parkedRetry) {
        return new EventFeeds(service, codec, deadLetters, parked, positions, meters, leases, parkedRetry.multipliedBy(3));
    }

    /**
     * Batches; on assignment each partition resumes where the feed's own database says it stands (from the beginning
     * where it has no position); a failed batch is
     * retried, whole, with back-off up to {@code goals.feed.max-backoff}, for as long as it fails (the consumer is paused
     * and keeps polling, so it stays in its group). Nothing is ever skipped: there is no recoverer that gives up. Each
     * fetch fits one poll ({@link PollSizedFetches}).
     */
    @Bean(CONTAINER_FACTORY)
    public ConcurrentKafkaListenerContainerFactory<Object, Object> eventFeedListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            ConsumerPositions positions, MeterRegistry meters,
            @Value("${goals.feed.max-backoff:PT10S}") java.time.Duration maxBackoff,
            TopicLayout topics) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.setContainerCustomizer(new PollSizedFetches(consumerFactory.getConfigurationProperties(), topics));
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                String group = consumer.groupMetadata().groupId();
                Map<TopicPartition, Long> stored = positions.load(group, partitions);
                stored.forEach(consumer::seek);
                // no position stored: this database has never seen the partition (a new service, or one whose store lost
                // its first writes), whatever Kafka's committed offset says; reading it all again is what keeps that safe
                List<TopicPartition> unknown = partitions.stream().filter(p -> !stored.containsKey(p)).toList();
                if (!unknown.isEmpty()) {
                    consumer.seekToBeginning(unknown);
                }
                log.info("{} resumes at its stored positions {}{}", group, stored, unknown.isEmpty() ? "" : ", from the beginning on " + unknown);
            }
        });
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(maxBackoff.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler errors = new DefaultErrorHandler((record, e) -> {
            throw new IllegalStateException("a feed never skips a record", e);
        }, backOff);
        errors.setClassifications(Map.of(), true); // every failure is retried: only handlers decide what is bad
        errors.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, Exception ex, int attempt) {
                log.warn("record {}/{}@{} failed (attempt {}): {}; retrying", record.topic(), record.partition(), record.offset(), attempt, ex.toString());
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int attempt) {
                meters.counter("goals.feed.retries").increment();
                log.warn("a batch of {} records on {} failed (attempt {}): {}; retrying, the partitions wait", records.count(),
                        records.partitions(), attempt, rootCause(ex));
            }
        });
        factory.setCommonErrorHandler(errors);
        return factory;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
