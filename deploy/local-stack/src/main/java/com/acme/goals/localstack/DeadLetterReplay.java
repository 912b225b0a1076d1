package com.acme.goals.localstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dlq replay TOPIC [--type=T] [--since=INSTANT]}: after a fix, sends what {@code TOPIC.dlq} holds back to
 * {@code TOPIC}, with its original key, bytes and headers (the {@code dlq-*} ones left out, {@code dlq-replayed-from}
 * added). The consumers de-duplicate, so what was already counted is not counted again and a replay run twice changes
 * nothing; a record that is still bad comes back to the dead-letter topic with its reason.
 */
public final class DeadLetterReplay {

    /** What a replay did. */
    public record Summary(String topic, int read, int replayed, int skipped) {
    }

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");

    /**
     * @param type  only records whose CloudEvent {@code type} is this (null: all)
     * @param since only records dead-lettered at or after this instant (null: all)
     */
    public static Summary replay(String bootstrap, String topic, String type, Instant since) throws Exception {
        String deadLetters = topic + ".dlq";
        int read = 0;
        int skipped = 0;
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetters).stream()
                    .map(p -> new TopicPartition(deadLetters, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // what is there now, not what a replay adds
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> dead : consumer.poll(Duration.ofMillis(500))) {
                    if (dead.offset() >= end.get(new TopicPartition(dead.topic(), dead.partition()))) {
                        continue;
                    }
                    read++;
                    if (!wanted(dead, type, since)) {
                        skipped++;
                        continue;
                    }
                    ProducerRecord<String, byte[]> again = new ProducerRecord<>(topic, dead.key(), dead.value());
                    for (Header header : dead.headers()) {
                        if (!header.key().startsWith("dlq-") && !header.key().startsWith("kafka_dlt-")) {
                            again.headers().add(header);
                        }
                    }
                    again.headers().add("dlq-replayed-from", (dead.topic() + "/" + dead.partition() + "@" + dead.offset())
                            .getBytes(StandardCharsets.UTF_8));
                    sent.add(producer.send(again));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        return new Summary(topic, read, sent.size(), skipped);
    }

    private static boolean wanted(ConsumerRecord<String, byte[]> dead, String type, Instant since) {
        if (type != null) {
            Matcher m = TYPE.matcher(new String(dead.value(), StandardCharsets.UTF_8));
            if (!m.find() || !m.group(1).equals(type)) {
                return false;
            }
        }
        if (since != null) {
            Header at = dead.headers().lastHeader("dlq-rejected-at");
            if (at == null || Instant.parse(new String(at.value(), StandardCharsets.UTF_8)).isBefore(since)) {
                return false;
            }
        }
        return true;
    }

    /** {@code dlq replay TOPIC [--type=T] [--since=2026-12-01T00:00:00Z]} against the running stack. */
    static void main(String bootstrap, String[] args) throws Exception {
        if (args.length < 3 || !args[1].equals("replay")) {
            System.err.println("usage: dlq replay TOPIC [--type=crm.payment.received] [--since=2026-12-01T00:00:00Z]");
            System.exit(2);
        }
        String type = null;
        Instant since = null;
        for (int i = 3; i < args.length; i++) {
            if (args[i].startsWith("--type=")) {
                type = args[i].substring("--type=".length());
            } else if (args[i].startsWith("--since=")) {
                since = Instant.parse(args[i].substring("--since=".length()));
            } else {
                System.err.println("unknown option " + args[i]);
                System.exit(2);
            }
        }
        Summary summary = replay(bootstrap, args[2], type, since);
        System.out.printf("read %d dead letter(s) on %s.dlq: %d sent back to %s, %d left (filtered out)%n",
                summary.read(), summary.topic(), summary.replayed(), summary.topic(), summary.skipped());
    }

    private DeadLetterReplay() {
    }
}
