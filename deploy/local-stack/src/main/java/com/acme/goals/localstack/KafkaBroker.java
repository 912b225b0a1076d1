package com.acme.goals.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        // the one controller writes a no-op to the metadata log this often to show it is alive: twice a second by
        // default, the largest part of an idle broker's own work; a single node has no follower waiting on it
        props.put("metadata.max.idle.interval.ms", "5000");

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
     * Waits until the broker answers an admin request. Topics are not made here: each service declares the topics it
     * owns and creates them at its start (platform {@code OwnedTopics}), so this stack needs none of their code.
     */
    public static void awaitReady(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            admin.listTopics().names().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " does not answer: " + e.getCause().getMessage(), e);
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
