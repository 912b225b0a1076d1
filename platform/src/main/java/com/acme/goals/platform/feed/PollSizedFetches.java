package com.acme.goals.platform.feed;

import com.acme.goals.platform.messaging.TopicLayout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import java.util.Map;
import java.util.Properties;

/**
 * Every feed's fetch, over all the partitions it may hold, brings no more records than one poll takes (of records of
 * {@value #SMALLEST_RECORD_BYTES} bytes or more), so that a consumer catching up never keeps records of a partition from
 * one poll to the next. Kafka's consumer leaves a
 * partition it still holds records of out of its next fetch, and sends a broker nothing more until the fetch in flight
 * is answered; once one partition was caught up, the fetch asked for it alone and the broker held it for the whole
 * {@code fetch-max-wait} (5 s, so that idle consumers ask seldom) while the other partitions' records sat unread. With
 * the default 1 MiB a partition (1,600 records of {@code crm.events}, a poll takes 1,000), scoring's rebuild of 1,000,000
 * events took 228 s with the machine 90% idle; with fetches that fit a poll, 75-85 s (docs/measured.md). An idle
 * consumer still asks every 5 s.
 * <p>
 * The partitions a feed may hold are its topics times {@code goals.topics.partitions}, which the topics a service owns
 * are made with: a topic made elsewhere with more partitions brings more than a poll again, and a feed on several
 * threads fetches less than it could (each consumer holds a share). A feed that sets {@code max.partition.fetch.bytes}
 * itself keeps it.
 */
final class PollSizedFetches implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

    private static final Logger log = LoggerFactory.getLogger(PollSizedFetches.class);

    /**
     * Fewer bytes than the records the feeds read: an {@code ActivityRecorded} on {@code crm.events} averages 633, an
     * inbound event on {@code crm.activity} 317 in the generated month. Smaller records would again bring more than a
     * poll takes; larger ones make fetches of fewer records, so a service that writes in bulk polls more at once.
     */
    static final int SMALLEST_RECORD_BYTES = 256;
    /** Below a producer's default batch, a fetch costs more round trips than it saves. */
    static final int LEAST_FETCH_BYTES = 16 * 1024;

    private final Map<String, Object> serviceConsumer;
    private final TopicLayout topics;

    /**
     * @param serviceConsumer the service's consumer settings (its {@code max.poll.records})
     * @param topics          the service's topic layout: how many partitions one consumer may hold of each topic
     */
    PollSizedFetches(Map<String, Object> serviceConsumer, TopicLayout topics) {
        this.serviceConsumer = serviceConsumer;
        this.topics = topics;
    }

    @Override
    public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
        ContainerProperties settings = container.getContainerProperties();
        // a copy: a container without properties of its own may share the factory's
        Properties own = new Properties();
        own.putAll(settings.getKafkaConsumerProperties());
        int poll = pollRecords(own);
        if (own.containsKey(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)) {
            log.info("feed {} polls up to {} records; a fetch asks up to {} bytes a partition, as the feed sets itself",
                    container.getGroupId(), poll, own.getProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG));
            return;
        }
        int read = settings.getTopics() == null ? 1 : Math.max(1, settings.getTopics().length);
        int bytes = bytesPerPartition(poll, read);
        own.setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(bytes));
        settings.setKafkaConsumerProperties(own);
        // what the bench and whoever reads the log compare with Kafka's records-per-request-avg of this feed
        log.info("feed {} polls up to {} records; a fetch asks up to {} bytes of each of its {} partitions",
                container.getGroupId(), poll, bytes, read * topics.partitions());
    }

    int bytesPerPartition(int pollRecords, int topicsRead) {
        long bytes = (long) pollRecords * SMALLEST_RECORD_BYTES / ((long) topicsRead * topics.partitions());
        return (int) Math.max(LEAST_FETCH_BYTES, Math.min(bytes, Integer.MAX_VALUE));
    }

    private int pollRecords(Properties own) {
        Object records = own.getProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        if (records == null) {
            records = serviceConsumer.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        }
        return records == null ? ConsumerConfig.DEFAULT_MAX_POLL_RECORDS : Integer.parseInt(records.toString());
    }
}
