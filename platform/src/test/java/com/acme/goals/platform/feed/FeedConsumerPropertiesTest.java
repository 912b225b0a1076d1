package com.acme.goals.platform.feed;

import com.acme.goals.platform.messaging.TopicLayout;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A feed that waits for larger batches gets its own fetch settings on its Kafka consumer, and a feed on several threads
 * that many consumers, through the listener annotation's SpEL, and every other feed keeps the service's; every feed's
 * fetch fits one of its polls: a typo in that expression, or a property name Kafka does not know, would otherwise pass
 * every other test and only show as a slower stack.
 */
class FeedConsumerPropertiesTest {

    static final class Waiting extends EventFeed {
        Waiting() {
            super("waiting", "crm.events");
            waitsForLargerBatches(Duration.ofMillis(250));
        }
    }

    static final class Plain extends EventFeed {
        Plain() {
            super("plain", "crm.events");
        }
    }

    static final class TwoTopics extends EventFeed {
        TwoTopics() {
            super("two-topics", "goal.events", "report.events");
        }
    }

    static final class OwnFetchSize extends EventFeed {
        OwnFetchSize() {
            super("own-fetch-size", "crm.events");
        }

        @Override
        public String[] getConsumerProperties() {
            return new String[] {ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG + "=65536"};
        }
    }

    static final class Threaded extends EventFeed {
        Threaded() {
            super("threaded", "crm.events");
            consumesOnThreads(3);
        }
    }

    @Configuration
    @EnableKafka
    static class Feeds {
        @Bean
        EventFeeds eventFeeds() {
            EventFeeds feeds = mock(EventFeeds.class);
            when(feeds.group(anyString())).thenAnswer(call -> "svc." + call.getArgument(0));
            return feeds;
        }

        /** The service's own factory, as {@link FeedConfiguration} builds it, on a service that polls 1,000 records. */
        @Bean(FeedConfiguration.CONTAINER_FACTORY)
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory() {
            DefaultKafkaConsumerFactory<Object, Object> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000));
            ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new FeedConfiguration().eventFeedListenerFactory(
                    mock(ConcurrentKafkaListenerContainerFactoryConfigurer.class), consumers, mock(ConsumerPositions.class),
                    new SimpleMeterRegistry(), Duration.ofSeconds(10), new TopicLayout(3, (short) 1));
            factory.setConsumerFactory(consumers); // what Boot's configurer, a mock here, does
            factory.setAutoStartup(false); // the containers are looked at, not started: no broker needed
            return factory;
        }

        @Bean
        Waiting waiting() {
            return new Waiting();
        }

        @Bean
        Plain plain() {
            return new Plain();
        }

        @Bean
        TwoTopics twoTopics() {
            return new TwoTopics();
        }

        @Bean
        OwnFetchSize ownFetchSize() {
            return new OwnFetchSize();
        }

        @Bean
        Threaded threaded() {
            return new Threaded();
        }
    }

    @Test
    void a_feed_that_waits_for_larger_batches_asks_the_broker_for_them_and_the_others_do_not() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Feeds.class)) {
            KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);

            Properties waiting = consumerProperties(registry, "svc.waiting");
            assertThat(waiting).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(EventFeed.LARGE_BATCH_BYTES))
                    .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "250")
                    .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(EventFeed.LARGE_BATCH_RECORDS));
            assertThat(ConsumerConfig.configNames()).as("names Kafka knows").containsAll(waiting.stringPropertyNames());

            assertThat(consumerProperties(registry, "svc.plain")).containsOnlyKeys(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG);
            assertThat(registry.getListenerContainer("svc.waiting").getGroupId()).isEqualTo("svc.waiting");
        }
    }

    @Test
    void every_feeds_fetch_brings_no_more_of_the_smallest_records_than_one_poll_takes() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Feeds.class)) {
            KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);

            // the service polls 1,000 records; three partitions a topic
            assertThat(fetchRecords(registry, "svc.plain", 3)).isBetween(990, 1000);
            assertThat(fetchRecords(registry, "svc.two-topics", 6)).isBetween(990, 1000);
            assertThat(fetchRecords(registry, "svc.waiting", 3)).isBetween(1990, EventFeed.LARGE_BATCH_RECORDS);
            assertThat(consumerProperties(registry, "svc.own-fetch-size"))
                    .containsOnly(Map.entry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536"));
        }
    }

    @Test
    void a_feed_on_many_partitions_still_fetches_a_producer_batch_at_least() {
        PollSizedFetches fetches = new PollSizedFetches(Map.of(), new TopicLayout(120, (short) 1));

        assertThat(fetches.bytesPerPartition(500, 1)).isEqualTo(PollSizedFetches.LEAST_FETCH_BYTES);
        assertThat(new PollSizedFetches(Map.of(), new TopicLayout(1, (short) 1)).bytesPerPartition(500, 1)).isEqualTo(500 * PollSizedFetches.SMALLEST_RECORD_BYTES);
    }

    private static Properties consumerProperties(KafkaListenerEndpointRegistry registry, String group) {
        return registry.getListenerContainer(group).getContainerProperties().getKafkaConsumerProperties();
    }

    /** How many of the smallest records one fetch of every partition the feed may hold brings. */
    private static int fetchRecords(KafkaListenerEndpointRegistry registry, String group, int partitions) {
        int bytes = Integer.parseInt(consumerProperties(registry, group).getProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG));
        return bytes * partitions / PollSizedFetches.SMALLEST_RECORD_BYTES;
    }

    @Test
    void a_feed_on_several_threads_gets_that_many_consumers_and_the_others_one() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Feeds.class)) {
            KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);

            assertThat(((ConcurrentMessageListenerContainer<?, ?>) registry.getListenerContainer("svc.threaded")).getConcurrency()).isEqualTo(3);
            assertThat(((ConcurrentMessageListenerContainer<?, ?>) registry.getListenerContainer("svc.plain")).getConcurrency()).isEqualTo(1);
        }
    }

    @Test
    void a_feed_refuses_fewer_than_one_thread() {
        assertThatThrownBy(() -> new EventFeed("none", "crm.events") {
            {
                consumesOnThreads(0);
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one thread");
    }
}
