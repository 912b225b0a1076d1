package com.acme.goals.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** A real single-node Apache Kafka broker in KRaft mode (broker and controller in one), in this JVM. */
public final class KafkaBroker implements AutoCloseable {

    private final int port;
    private final KafkaRaftServer server;

    private KafkaBroker(int port, KafkaRaftServer server) {
        this.port = port;
        this.server = server;
    }

    /**
     * Starts a broker whose log lives in {@code logDir}. A directory formatted before is reused as it is, so a
     * file-backed stack keeps its topics and offsets across restarts.
     */
    public static KafkaBroker start(int port, int controllerPort, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.flush.interval.messages", "10000");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            Path config = logDir.resolveSibling(logDir.getFileName() + ".properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "embedded broker");
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--ignore-formatted"}, new PrintStream(printed, true));
            if (exit != 0) {
                throw new IllegalStateException("kafka storage format failed: " + printed);
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(port, server);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /**
     * Every topic keeps its records for good ({@code retention.ms=-1}, {@code retention.bytes=-1}): the event topics are
     * the history every read model is rebuilt from and the inbound topics what a replay re-reads; the broker's default
     * of seven days would let a rebuild silently miss older history. Set on creation, and on topics an older stack created.
     */
    static final Map<String, String> KEEP_FOREVER = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    /** Creates the topics that do not exist yet and makes every one keep its records; the broker is ready when this returns. */
    public static void createTopics(String bootstrapServers, List<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1).configs(KEEP_FOREVER)).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> keep = new java.util.HashMap<>();
            for (String topic : topics) {
                keep.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), KEEP_FOREVER.entrySet().stream()
                        .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET)).toList());
            }
            admin.incrementalAlterConfigs(keep).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
