package com.acme.goals.localstack;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes records to a topic the way another enterprise system would: one record per line of a file (or of
 * standard input), keyed by the CloudEvent's {@code subject} or {@code id}. Lines are sent as they are, bad ones
 * too, so it also serves to try the dead-letter path.
 */
public final class Publish {

    private static final Pattern KEY = Pattern.compile("\"(?:subject|id)\"\\s*:\\s*\"([^\"]*)\"");

    public static int send(String bootstrap, String topic, List<String> lines) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        int sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = KEY.matcher(line);
                String key = m.find() ? m.group(1) : null;
                producer.send(new ProducerRecord<>(topic, key, line.getBytes(StandardCharsets.UTF_8)));
                sent++;
            }
            producer.flush();
        }
        return sent;
    }

    /** {@code publish TOPIC [FILE|-]} with {@code KAFKA_BOOTSTRAP_SERVERS} (default: the running local stack's). */
    /** The running local stack's broker, unless KAFKA_BOOTSTRAP_SERVERS says otherwise. */
    static String bootstrap(Path home) throws java.io.IOException {
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        Path known = home.resolve(".local-stack-kafka");
        if (bootstrap == null && Files.exists(known)) {
            bootstrap = Files.readString(known).trim();
        }
        return bootstrap == null ? "localhost:9092" : bootstrap;
    }

    static void main(Path home, String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: publish TOPIC [FILE|-]   (one JSON record per line)");
            System.exit(2);
        }
        String bootstrap = bootstrap(home);
        List<String> lines = new ArrayList<>();
        if (args.length < 3 || args[2].equals("-")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            }
        } else {
            lines = Files.readAllLines(Path.of(args[2]));
        }
        int sent = send(bootstrap, args[1], lines);
        System.out.println("published " + sent + " record(s) to " + args[1] + " at " + bootstrap);
    }

    private Publish() {
    }
}
