package com.acme.goals.localstack;


import com.acme.goals.localstack.watch.ExitWithLauncher;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The whole system on one machine without Docker: a Kafka broker and a MongoDB-wire server in this JVM (or
 * external ones), and the five services as separate processes on their own ports. Used by
 * {@code deploy/run-local.sh} and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    public static final String GOAL_SERVICE = "goal-service";
    public static final List<String> SERVICES = List.of(GOAL_SERVICE, "report-service", "crm-link-service", "scoring-service");
    public static final String GATEWAY = "gateway";
    /** The OpenID Connect issuer the console signs people in with (deploy/dev-issuer). */
    public static final String ISSUER = "dev-issuer";

    /**
     * How to run the stack. {@code dataDir} null = everything in memory and in a temporary directory (deleted when the
     * stack stops); {@code logDir} null = the services' logs go to {@code <work dir>/logs}; {@code clockOffset} moves the
     * services' clock (test stacks only: the services refuse it under the production profile).
     */
    public record Options(Path goalsHome, Path dataDir, Path logDir, int gatewayPort, String jwtSecret, String externalKafka,
                          String externalMongoUri, List<String> jvmOptions, Duration startTimeout, Duration clockOffset,
                          int replicas) {

        public Options {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be at least 1, not " + replicas);
            }
        }

        /** The same with {@code replicas} instances of each service (the gateway spreads calls over them). */
        public Options withReplicas(int replicas) {
            return new Options(goalsHome, dataDir, logDir, gatewayPort, jwtSecret, externalKafka, externalMongoUri, jvmOptions,
                    startTimeout, clockOffset, replicas);
        }

        /**
         * In memory, free ports, logs in {@code e2e-tests/target/stack-logs/<start time>} (kept for a look after a failed
         * run), and rate limits a test can reach: everyone
         * 1,000/s (no functional test is slowed), two dedicated callers 1/s with a burst of 5 (the rate-limit tests).
         * {@code -Dgoals.clock=2026-12-27T23:30:00+08:00} runs the services' clock from that instant on.
         */
        public static Options forTests(Path goalsHome) {
            List<String> jvm = new ArrayList<>(defaultJvmOptions());
            jvm.add("-Dgoals.gateway.rate-limit.per-second=1000");
            jvm.add("-Dgoals.gateway.rate-limit.burst=2000");
            jvm.add("-Dgoals.timeliness.sweep-interval=PT5S"); // reminders and escalations within a test's patience
            // 127.0.0.1 is the cluster network; another loopback address (STRANGER) plays a caller from outside
            jvm.add("-Dgoals.security.cluster-networks=127.0.0.1/32,::1/128");
            jvm.add("-Dgoals.ingest.clients=" + INGEST_PROBE + "=urn:acme:crm-core|urn:acme:tenants/*"); // held to its sources
            jvm.add("-Dgoals.gateway.rate-limit.callers=" + RATE_PROBE + "=1/5," + "anonymous@" + ANONYMOUS_RATE_PROBE + "=1/5");
            Path logs = goalsHome.resolve("e2e-tests").resolve("target").resolve("stack-logs")
                    .resolve(Instant.now().toString().replace(':', '-'));
            return new Options(goalsHome, null, logs, 0,
                    "e2e-test-secret-0123456789-abcdefghijklmnop", null, null, List.copyOf(jvm), Duration.ofMinutes(4),
                    clockOffset(System.getProperty("goals.clock")), 1);
        }

        /** Local use: {@code deploy/run-local.sh}. */
        public static Options local(Path goalsHome, Path dataDir, int gatewayPort, String jwtSecret, Duration clockOffset) {
            Path logs = (dataDir != null ? dataDir : goalsHome.resolve(".local-stack")).resolve("logs");
            return new Options(goalsHome, dataDir, logs, gatewayPort, jwtSecret, null, null, defaultJvmOptions(),
                    Duration.ofMinutes(5), clockOffset, 1);
        }

        public Options withExternal(String kafka, String mongoUri) {
            return new Options(goalsHome, dataDir, logDir, gatewayPort, jwtSecret, kafka, mongoUri, jvmOptions, startTimeout, clockOffset,
                    replicas);
        }

        public Options withJvmOptions(List<String> jvm) {
            return new Options(goalsHome, dataDir, logDir, gatewayPort, jwtSecret, externalKafka, externalMongoUri, List.copyOf(jvm),
                    startTimeout, clockOffset, replicas);
        }

        /** The same keeping Kafka's log and the store's data in {@code dir} (the store on disk, as {@code --persist}). */
        public Options withDataDir(Path dir) {
            return new Options(goalsHome, dir, logDir, gatewayPort, jwtSecret, externalKafka, externalMongoUri, jvmOptions,
                    startTimeout, clockOffset, replicas);
        }

        public Options withStartTimeout(Duration timeout) {
            return new Options(goalsHome, dataDir, logDir, gatewayPort, jwtSecret, externalKafka, externalMongoUri, jvmOptions,
                    timeout, clockOffset, replicas);
        }

        /** How far to move the clock so that it reads {@code at} (an ISO date-time with offset) now; none when blank. */
        public static Duration clockOffset(String at) {
            if (at == null || at.isBlank()) {
                return Duration.ZERO;
            }
            return Duration.between(Instant.now(), OffsetDateTime.parse(at.trim()).toInstant());
        }

        public static List<String> defaultJvmOptions() {
            String fromEnv = System.getenv("GOALS_SERVICE_JVM_OPTS");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return List.of(fromEnv.trim().split("\\s+"));
            }
            // small, quick-starting JVMs: five of them share two cores. The heap grows only when a collection leaves
            // under a tenth of it free and gives back what is over 30% free: through bench projection
            // --events=1000000 the six other JVMs peaked at 1,521-1,567 MB, against 1,763 MB with the JVM's 40/70, and
            // the projection ran as fast (8,568/s against 8,641/s, the launcher uncapped in both). The price: under load
            // the Kafka-fed services, their old generation 85-90% full, collect in full every 1-2 s; room for them (30/50)
            // cut that by two thirds and did not move the projection, so it is not given (measured.md, 2026-12-06)
            return List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                    "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:MaxMetaspaceSize=200m", "-Daxoniq.update-checker.disabled=true");
        }
    }

    /**
     * The per-service options ({@link #optimised}, {@link #ownOptions}) go on top of the shared defaults only, every
     * stack's own additions allowed: options a caller chose instead (a test's {@code -Xmx32m}, or
     * {@code GOALS_SERVICE_JVM_OPTS}) are given exactly.
     */
    static boolean onSharedDefaults(List<String> jvm) {
        return System.getenv("GOALS_SERVICE_JVM_OPTS") == null && jvm.containsAll(Options.defaultJvmOptions());
    }

    /** The JVMs that get the optimising compiler unless {@code GOALS_C2_SERVICES} names others. */
    static final String C2_SERVICES = GATEWAY + "," + GOAL_SERVICE;

    /**
     * C2 compiles a branch its profile never saw as a trap back to the interpreter. A branch taken one way by one caller
     * and the other way by another (Netty's HTTP decoder reading requests without a body and responses with one; Spring's
     * content negotiation) trapped on about every call once C2 had stopped recompiling it: JFR counted 16,087 such
     * deoptimisations in 50 s in the gateway and 35,946 in goal-service at 500 calls/s (the JDK's bug 8374307, open). With
     * no trap allowed per method, C2 compiles both ways of every branch it has profile for (decision 5, issue 18).
     */
    static final String NO_TRAP_STORMS = "-XX:PerMethodTrapLimit=0";

    /**
     * The JVMs named in {@code GOALS_C2_SERVICES} get the optimising compiler (C2) the other, quick-starting JVMs go
     * without: by default the gateway, which every request of every person passes through, and goal-service, which
     * answers the goal reads every screen makes (on C2 it spent 0.74-1.03 ms of CPU a read at 500/s against 1.68-2.07
     * on C1; {@code bench api --rates=500}, decision 5).
     */
    static List<String> optimised(String service, List<String> jvm) {
        String named = System.getenv().getOrDefault("GOALS_C2_SERVICES", C2_SERVICES);
        if (!onSharedDefaults(jvm) || !List.of(named.split("\\s*,\\s*")).contains(service)) {
            return jvm;
        }
        List<String> optimised = new ArrayList<>(jvm);
        optimised.remove("-XX:TieredStopAtLevel=1");
        optimised.add("-XX:CICompilerCount=2");
        optimised.add(NO_TRAP_STORMS);
        return optimised;
    }

    /**
     * The gateway's heap options after the defaults (a later option wins), unless {@code GOALS_GATEWAY_JVM_OPTS} says
     * others: a fixed young generation, so that a collection comes about once in 1.4 s at 500 requests/s rather than
     * three times a second. The small default heap's 17 MB young generation filled every 0.3 s there, each pause
     * 4-15 ms (p99 32 ms) holding every call in flight: the long tails of what the gateway added at p99 (JFR,
     * {@code jstat}, {@code bench api}; decision 5, issue 18).
     */
    static final String GATEWAY_HEAP = "-Xms128m -Xmn96m";

    /**
     * goal-service's, unless {@code GOALS_GOAL_SERVICE_JVM_OPTS} says others: room in the old generation. On the shared
     * defaults it held 43 MB live in a 45 MB old generation at 500 reads/s, so a full collection came every 2.5 min and
     * stopped every read for 145-250 ms: 70-120 calls late, the whole p99 of a 20 s window, at either door
     * ({@code bench api} with its collections logged, 2026-12-06; decision 5, issue 18).
     */
    static final String GOAL_SERVICE_HEAP = "-Xms128m";

    /** A process's JVM options: the shared ones, then its own ({@link #ownOptions}), then its compiler ({@link #optimised}). */
    static List<String> jvmOptionsOf(String process, List<String> jvm) {
        return optimised(process, ownOptions(process, jvm));
    }

    /** {@code SCORING_SERVICE} for scoring-service: how the variables that speak for one process name it. */
    static String envName(String process) {
        return process.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The options a process gets after the shared defaults: its own, or those of {@code GOALS_<NAME>_JVM_OPTS}. */
    static List<String> ownOptions(String process, List<String> jvm) {
        String defaults = switch (process) {
            case GATEWAY -> GATEWAY_HEAP;
            case GOAL_SERVICE -> GOAL_SERVICE_HEAP;
            default -> "";
        };
        String variable = "GOALS_" + envName(process) + "_JVM_OPTS";
        String extra = System.getenv().getOrDefault(variable, defaults).trim();
        if (extra.isEmpty() || !onSharedDefaults(jvm)) {
            return jvm;
        }
        List<String> sized = new ArrayList<>(jvm);
        sized.addAll(List.of(extra.split("\\s+")));
        return sized;
    }

    /** The subject the test stack limits to 1 request/s (burst 5): a rate-limit test reaches it on any machine. */
    public static final String RATE_PROBE = "E-rate-probe";
    /** The integration client the test stack registers for two sources only (any other client: any source, local mode). */
    public static final String INGEST_PROBE = "crm-probe";
    /** A loopback address the test stack counts as outside the cluster network (the metrics' door). */
    public static final String STRANGER = "127.0.0.3";
    /** The loopback address whose callers without a token the test stack limits to 1/s (burst 5). */
    public static final String ANONYMOUS_RATE_PROBE = "127.0.0.2";
    private static final String TEMP_PREFIX = "goals-stack-";
    private static final String LAUNCHER_PID_FILE = "launcher.pid";

    private final Options options;
    private final Path workDir;
    private final boolean temporary;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private KafkaBroker kafka;
    private MongoStore mongo;
    private MailServer mail;
    private String kafkaBootstrap;
    private String mongoUri;
    private int kafkaPort;
    private int controllerPort;
    private int mongoPort;
    private final DevTokens tokens;

    public LocalStack(Options options) throws IOException {
        this.options = options;
        this.temporary = options.dataDir() == null;
        if (temporary) {
            deleteLeftovers();
            this.workDir = Files.createTempDirectory(TEMP_PREFIX);
            Files.writeString(workDir.resolve(LAUNCHER_PID_FILE), String.valueOf(ProcessHandle.current().pid()));
        } else {
            this.workDir = options.dataDir();
        }
        this.tokens = new DevTokens(options.jwtSecret());
    }

    /**
     * Starts the broker, the store and all services, and returns once every service reports UP. If anything fails, what
     * was started is stopped again before the failure is thrown: a failed start leaves no process behind.
     */
    public LocalStack start() throws Exception {
        try {
            startAll();
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        boolean persistent = options.dataDir() != null;
        if (options.gatewayPort() > 0) {
            // A caller-chosen port is free until the gateway binds it, minutes later: no service may be handed it first
            // (a restarted stack gave goal-service the gateway's port once).
            HANDED_OUT.add(options.gatewayPort());
        }
        if (options.externalKafka() != null) {
            kafkaBootstrap = options.externalKafka();
        } else {
            kafkaPort = freePort();
            controllerPort = freePort();
            kafka = KafkaBroker.start(kafkaPort, controllerPort, workDir.resolve("kafka"));
            kafkaBootstrap = kafka.bootstrapServers();
        }
        KafkaBroker.awaitReady(kafkaBootstrap);
        if (options.externalMongoUri() != null) {
            mongoUri = options.externalMongoUri();
        } else {
            mongoPort = freePort();
            mongo = MongoStore.start(mongoPort, persistent ? storeFile() : null);
            mongoUri = mongo.uri();
        }

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        common.put("MONGODB_URI", mongoUri);
        common.put("JWT_SECRET", options.jwtSecret());
        common.put("JWT_ISSUER", DevTokens.ISSUER);
        common.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        common.put("GOALS_MODE", "local"); // dev tokens, the dev-issuer's client secret: never under the prod profile
        Map<String, String> servicesEnv = new HashMap<>(common);
        mail = MailServer.start(freePort(), freePort());
        servicesEnv.put("SPRING_MAIL_HOST", "localhost"); // report-service mails notices; the others send no mail
        servicesEnv.put("SPRING_MAIL_PORT", String.valueOf(mail.smtpPort()));
        if (!options.clockOffset().isZero()) {
            servicesEnv.put("GOALS_CLOCK_OFFSET", options.clockOffset().toString());
        }

        List<String> jvm = new ArrayList<>(options.jvmOptions());
        jvm.add("-javaagent:" + exitWithLauncherAgent() + "=" + ProcessHandle.current().pid());
        int gatewayPort = options.gatewayPort() > 0 ? options.gatewayPort() : freePort();
        int issuerPort = freePort();
        String issuerUri = "http://localhost:" + issuerPort;
        Map<String, String> issuerEnv = new HashMap<>();
        issuerEnv.put("GOALS_ISSUER_URI", issuerUri);
        issuerEnv.put("GOALS_CONSOLE_REDIRECT_URI", "http://localhost:" + gatewayPort + "/login/oauth2/code/goals");
        issuerEnv.put("GOALS_CONSOLE_URI", "http://localhost:" + gatewayPort + "/");
        processes.put(ISSUER, process(ISSUER, jarOf(options.goalsHome(), ISSUER), issuerPort, issuerEnv, jvmOptionsOf(ISSUER, jvm)));
        servicesEnv.put("CONSOLE_ISSUER_URI", issuerUri);
        Map<String, String> gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("CONSOLE_ISSUER_URI", issuerUri);
        if (servicesEnv.containsKey("GOALS_CLOCK_OFFSET")) {
            gatewayEnv.put("GOALS_CLOCK_OFFSET", servicesEnv.get("GOALS_CLOCK_OFFSET")); // the console's "today"
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : SERVICES) {
            List<String> urls = new ArrayList<>();
            for (int replica = 1; replica <= options.replicas(); replica++) {
                int port = freePort();
                ports.put(replicaName(service, replica), port);
                urls.add("http://localhost:" + port);
            }
            gatewayEnv.put(envName(service) + "_URL", String.join(",", urls)); // ServiceInstances
        }
        // report-service and crm-link read scoring's ledger (decision 20), every replica of it
        servicesEnv.put("SCORING_SERVICE_URL", gatewayEnv.get(envName("scoring-service") + "_URL"));
        for (String service : SERVICES) {
            for (int replica = 1; replica <= options.replicas(); replica++) {
                String name = replicaName(service, replica);
                processes.put(name, process(name, jarOf(options.goalsHome(), service), ports.get(name), servicesEnv,
                        jvmOptionsOf(service, jvm)));
            }
        }
        processes.put(GATEWAY, process(GATEWAY, jarOf(options.goalsHome(), GATEWAY), gatewayPort, gatewayEnv,
                jvmOptionsOf(GATEWAY, jvm)));

        for (ServiceProcess process : processes.values()) {
            if (!process.name().equals(GATEWAY)) {
                process.start();
            }
        }
        awaitAllHealthy();
    }

    /** Where the build leaves a process's jar: the services and the gateway at the top, the dev-issuer in deploy/. */
    public static Path jarOf(Path goalsHome, String name) {
        Path module = name.equals(ISSUER) ? goalsHome.resolve("deploy").resolve(name) : goalsHome.resolve(name);
        return module.resolve("target").resolve(name + ".jar");
    }

    /**
     * The process name of a service's {@code replica}-th instance: the first is the service's own name (as with one
     * instance), the others {@code goal-service@2} and so on.
     */
    public static String replicaName(String service, int replica) {
        return replica == 1 ? service : service + "@" + replica;
    }

    /** Every instance of {@code service}, the first first. */
    public List<ServiceProcess> replicas(String service) {
        List<ServiceProcess> instances = new ArrayList<>();
        for (int replica = 1; replica <= options.replicas(); replica++) {
            instances.add(service(replicaName(service, replica)));
        }
        return instances;
    }

    private ServiceProcess process(String name, Path jar, int port, Map<String, String> env, List<String> jvm) {
        Path logs = options.logDir() != null ? options.logDir() : workDir.resolve("logs");
        return new ServiceProcess(name, jar, port, env, jvm, logs.resolve(name + ".log"));
    }

    /**
     * Writes the {@link ExitWithLauncher} agent, alone, into a jar in the work directory: every service watches this
     * process and stops when it is gone, even after a {@code kill -9} that runs no shutdown hook.
     */
    private Path exitWithLauncherAgent() throws IOException {
        Path jar = workDir.resolve("exit-with-launcher.jar");
        String entry = ExitWithLauncher.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ExitWithLauncher.class.getName());
        try (InputStream in = ExitWithLauncher.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (in == null) {
                throw new IllegalStateException(entry + " is not on the class path");
            }
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /**
     * Waits for every service to be UP, starting the gateway once the issuer is; the first that fails (exits, or times
     * out) ends the wait at once with its log.
     */
    private void awaitAllHealthy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(processes.size());
        try {
            CompletionService<Void> waits = new ExecutorCompletionService<>(pool);
            for (ServiceProcess p : processes.values()) {
                if (p.name().equals(GATEWAY)) {
                    continue;
                }
                waits.submit(() -> {
                    p.awaitHealthy(options.startTimeout());
                    if (p.name().equals(ISSUER)) { // the gateway reads the issuer's OpenID configuration when it starts
                        ServiceProcess gateway = processes.get(GATEWAY);
                        gateway.start();
                        gateway.awaitHealthy(options.startTimeout());
                    }
                    return null;
                });
            }
            for (int i = 0; i < processes.size() - 1; i++) {
                try {
                    waits.take().get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
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

    /** The OpenID Connect issuer the console signs people in with. */
    public String issuerUrl() {
        return service(ISSUER).url();
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    public String mongoUri() {
        return mongoUri;
    }

    /** The SMTP server the services mail notices to (IMAP to read them back). */
    public MailServer mail() {
        return mail;
    }

    public DevTokens tokens() {
        return tokens;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Stops every service at once (SIGTERM, then forced after 25 s), then the broker and the store, and deletes a
     * temporary work directory. One at a time took long enough that a test JVM's exit timeout killed the launcher and
     * left services running. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
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
            kafka = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
        if (mail != null) {
            mail.close();
            mail = null;
        }
        if (temporary) {
            deleteTree(workDir);
        }
    }

    private Path storeFile() {
        return workDir.resolve("mongo").resolve("goals.mv");
    }

    /** Stops the embedded Kafka broker, leaving the services running (they see the broker go away). */
    public synchronized void stopBroker() {
        if (kafka == null) {
            throw new IllegalStateException("no embedded broker runs");
        }
        kafka.close();
        kafka = null;
    }

    /** Starts the embedded broker again on the same ports and log: topics, records and offsets are as they were. */
    public synchronized void startBroker() throws IOException {
        if (kafka != null || kafkaPort == 0) {
            throw new IllegalStateException("the embedded broker runs already, or never ran");
        }
        kafka = KafkaBroker.start(kafkaPort, controllerPort, workDir.resolve("kafka"));
    }

    /** Stops the embedded MongoDB-wire server, leaving the services running. Only a file-backed store keeps its data. */
    public synchronized void stopStore() {
        if (mongo == null) {
            throw new IllegalStateException("no embedded store runs");
        }
        if (temporary) {
            throw new IllegalStateException("an in-memory store would lose everything: restart the store only with a data directory");
        }
        mongo.close();
        mongo = null;
    }

    /** Starts the file-backed store again on the same port and file. */
    public synchronized void startStore() throws IOException {
        if (mongo != null || mongoPort == 0) {
            throw new IllegalStateException("the embedded store runs already, or never ran");
        }
        mongo = MongoStore.start(mongoPort, storeFile());
    }

    /** The clock the services run on: real time, moved by the offset the stack was started with. */
    public Clock clock() {
        return Clock.offset(Clock.systemUTC(), options.clockOffset());
    }

    /**
     * Temporary work directories of stacks whose launcher is gone (killed before it could delete its own): removed, so
     * runs that were killed do not fill the disk. A directory whose launcher still runs is left alone.
     */
    private static void deleteLeftovers() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> stacks = Files.newDirectoryStream(tmp, TEMP_PREFIX + "*")) {
            for (Path dir : stacks) {
                Path pidFile = dir.resolve(LAUNCHER_PID_FILE);
                if (!Files.exists(pidFile)) {
                    continue; // an older layout or someone else's: not ours to judge
                }
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                deleteTree(dir);
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: a leftover costs disk, not correctness
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort, see above
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Ports handed out by this JVM: a port is free again once closed, and two services given one port fight for it. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port no listener holds now and this JVM has not handed out before. */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
