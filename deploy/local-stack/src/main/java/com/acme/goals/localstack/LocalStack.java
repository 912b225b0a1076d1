package com.acme.goals.localstack;

import com.acme.goals.contracts.Topics;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole system on one machine without Docker: a Kafka broker and a MongoDB-wire server in this JVM (or
 * external ones), and the five services as separate processes on their own ports. Used by
 * {@code deploy/run-local.sh} and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("goal-service", "report-service", "crm-link-service", "scoring-service");
    public static final String GATEWAY = "gateway";

    /** How to run the stack. {@code dataDir} null = everything in memory and in a temporary directory. */
    public record Options(Path goalsHome, Path dataDir, int gatewayPort, String jwtSecret, String externalKafka,
                          String externalMongoUri, List<String> jvmOptions, Duration startTimeout) {

        /** In memory, free ports, and a gateway rate limit (50/s, burst 100) low enough for a test to reach it. */
        public static Options forTests(Path goalsHome) {
            List<String> jvm = new ArrayList<>(defaultJvmOptions());
            jvm.add("-Dgoals.gateway.rate-limit.per-second=50");
            jvm.add("-Dgoals.gateway.rate-limit.burst=100");
            return new Options(goalsHome, null, 0, "e2e-test-secret-0123456789-abcdefghijklmnop", null, null,
                    List.copyOf(jvm), Duration.ofMinutes(4));
        }

        public Options withExternal(String kafka, String mongoUri) {
            return new Options(goalsHome, dataDir, gatewayPort, jwtSecret, kafka, mongoUri, jvmOptions, startTimeout);
        }

        public static List<String> defaultJvmOptions() {
            String fromEnv = System.getenv("GOALS_SERVICE_JVM_OPTS");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return List.of(fromEnv.trim().split("\\s+"));
            }
            // small, quick-starting JVMs: five of them share two cores
            return List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                    "-XX:MaxMetaspaceSize=200m", "-Daxoniq.update-checker.disabled=true");
        }
    }

    private final Options options;
    private final Path workDir;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private KafkaBroker kafka;
    private MongoStore mongo;
    private String kafkaBootstrap;
    private String mongoUri;
    private final DevTokens tokens;

    public LocalStack(Options options) throws IOException {
        this.options = options;
        this.workDir = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("goals-stack-");
        this.tokens = new DevTokens(options.jwtSecret());
    }

    /** Starts the broker, the store and all services, and returns once every service reports UP. */
    public LocalStack start() throws Exception {
        boolean persistent = options.dataDir() != null;
        if (options.externalKafka() != null) {
            kafkaBootstrap = options.externalKafka();
        } else {
            kafka = KafkaBroker.start(freePort(), freePort(), workDir.resolve("kafka"));
            kafkaBootstrap = kafka.bootstrapServers();
        }
        KafkaBroker.createTopics(kafkaBootstrap, Topics.all(), 3);
        if (options.externalMongoUri() != null) {
            mongoUri = options.externalMongoUri();
        } else {
            mongo = MongoStore.start(freePort(), persistent ? workDir.resolve("mongo").resolve("goals.mv") : null);
            mongoUri = mongo.uri();
        }

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        common.put("MONGODB_URI", mongoUri);
        common.put("JWT_SECRET", options.jwtSecret());
        common.put("JWT_ISSUER", DevTokens.ISSUER);
        common.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");

        Map<String, String> gatewayEnv = new HashMap<>(common);
        for (String service : SERVICES) {
            int port = freePort();
            processes.put(service, process(service, port, common));
            gatewayEnv.put(service.toUpperCase().replace('-', '_') + "_URL", "http://localhost:" + port);
        }
        int gatewayPort = options.gatewayPort() > 0 ? options.gatewayPort() : freePort();
        processes.put(GATEWAY, process(GATEWAY, gatewayPort, gatewayEnv));

        for (ServiceProcess process : processes.values()) {
            process.start();
        }
        awaitAllHealthy();
        return this;
    }

    private ServiceProcess process(String name, int port, Map<String, String> env) {
        Path jar = options.goalsHome().resolve(name).resolve("target").resolve(name + ".jar");
        return new ServiceProcess(name, jar, port, env, options.jvmOptions(), workDir.resolve("logs").resolve(name + ".log"));
    }

    private void awaitAllHealthy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(processes.size());
        try {
            List<Future<?>> waits = new ArrayList<>();
            for (ServiceProcess p : processes.values()) {
                waits.add(pool.submit(() -> {
                    p.awaitHealthy(options.startTimeout());
                    return null;
                }));
            }
            for (Future<?> wait : waits) {
                wait.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stops one service gracefully and starts it again on the same port; returns once it is UP. */
    public void restart(String service) throws Exception {
        ServiceProcess p = service(service);
        p.stop();
        p.start();
        p.awaitHealthy(options.startTimeout());
    }

    /** Kills one service like {@code kill -9} and starts it again; returns once it is UP. */
    public void killAndRestart(String service) throws Exception {
        ServiceProcess p = service(service);
        p.kill();
        p.start();
        p.awaitHealthy(options.startTimeout());
    }

    public ServiceProcess service(String name) {
        return Optional.ofNullable(processes.get(name)).orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public Map<String, ServiceProcess> processes() {
        return processes;
    }

    public String gatewayUrl() {
        return service(GATEWAY).url();
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    public String mongoUri() {
        return mongoUri;
    }

    public DevTokens tokens() {
        return tokens;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Stops every service at once (SIGTERM, then forced after 25 s) and then the broker and the store. One at a time
     * took long enough that a test JVM's exit timeout killed the launcher and left services running.
     */
    @Override
    public void close() {
        processes.values().forEach(ServiceProcess::signalStop);
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        for (ServiceProcess p : processes.values()) {
            try {
                p.awaitStopped(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
