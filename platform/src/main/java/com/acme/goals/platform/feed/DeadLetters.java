package com.acme.goals.platform.feed;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one way a record is dead-lettered: to {@code <topic>.dlq}, with its original key, bytes and headers, and
 * {@code dlq-reason} (the field and the rule), {@code dlq-origin} (topic/partition@offset), {@code dlq-group} (who
 * refused it) and {@code dlq-rejected-at}. {@code deploy/run-local.sh dlq replay} sends them back to their topic.
 */
public class DeadLetters {

    public static final String SUFFIX = ".dlq";
    public static final String REASON = "dlq-reason";
    public static final String ORIGIN = "dlq-origin";
    public static final String GROUP = "dlq-group";
    public static final String REJECTED_AT = "dlq-rejected-at";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<String, byte[]> producer;
    private final MeterRegistry meters;
    private final Clock clock;

    public DeadLetters(Producer<String, byte[]> producer, MeterRegistry meters, Clock clock) {
        this.producer = producer;
        this.meters = meters;
        this.clock = clock;
    }

    /** Sends a consumed record to its dead-letter topic and waits for Kafka to have it. */
    public void send(ConsumerRecord<String, byte[]> record, String group, String reason) throws Exception {
        send(record.topic(), record.key(), record.value(), record.headers(),
                record.topic() + "/" + record.partition() + "@" + record.offset(), group, reason);
    }

    /** Sends bytes that came from {@code origin} (a topic position, or an HTTP request) to {@code topic}'s dead-letter topic. */
    public void send(String topic, String key, byte[] value, Iterable<Header> headers, String origin, String group, String reason)
            throws Exception {
        publish(topic, key, value, headers, origin, group, reason).get(30, TimeUnit.SECONDS);
    }

    /** The same without waiting: for a batch that waits for all its sends at once. */
    public Future<RecordMetadata> publish(String topic, String key, byte[] value, Iterable<Header> headers, String origin,
                                          String group, String reason) {
        log.warn("dead-lettered {} from {} ({}): {}", key, origin, group, reason);
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topic + SUFFIX, key, value == null ? new byte[0] : value);
        if (headers != null) {
            for (Header header : headers) {
                if (!header.key().startsWith("dlq-")) {
                    dead.headers().add(header);
                }
            }
        }
        dead.headers().add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(ORIGIN, origin.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(GROUP, group.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(REJECTED_AT, clock.instant().toString().getBytes(StandardCharsets.UTF_8));
        meters.counter("goals.feed.dead.lettered", "topic", topic, "group", group).increment();
        return producer.send(dead);
    }
}
