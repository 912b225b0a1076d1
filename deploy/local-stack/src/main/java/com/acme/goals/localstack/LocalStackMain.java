package com.acme.goals.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/run-local.sh}: starts the stack, prints the gateway URL and dev tokens, runs until Ctrl-C.
 * <pre>
 *   --persist[=DIR]     keep Kafka's log and MongoDB's data in DIR (default .local-stack) across restarts
 *   --gateway-port=N    the gateway's port (default 8080)
 *   --replicas=N        N instances of each of the four services (default 1); the gateway spreads calls over them
 *   --clock=DATE-TIME   run the services' clock from that instant on (e.g. 2026-12-31T09:59:00+08:00), to try
 *                       deadlines and week ends; the services refuse it under the production profile
 *   publish TOPIC [FILE|-]   publish one record per line to the running stack's Kafka
 *   token SUBJECT ROLE...    print a local-mode dev token
 *   tail TOPIC               print a topic from the beginning, with headers
 *   dlq replay TOPIC [--type=T] [--since=INSTANT]   send TOPIC.dlq's records back to TOPIC after a fix
 *   faults [--brief] [--seconds=N]   the same load on two fresh stacks, in fair weather and under faults, compared
 *   bench ingest [--events=N] [--owners=N] [--latency-events=N] [--rate=N]   the ingest benchmark on a fresh stack
 *   bench projection [--events=N] [--owners=N] [--rebuild] [--persist]       the projection benchmark on a fresh stack
 *   bench all [--events=N] [--e2e-events=N] [--seconds=N] [--persist]       every throughput target, one table with pass/fail
 *   bench e2e [--events=N] [--owners=N] [--rate=N] [--seconds=N] [--persist] inbound record to visible progress, and its latency
 *   bench api [--supervisors=N] [--reps=N] [--clients=N] [--seconds=N]       reads through the gateway on a fresh stack
 *   bench org [--employees=N] [--only] [--payments=N] [--persist]             a company through the HR feed: reads, idle CPU, sweep
 * </pre>
 */
public final class LocalStackMain {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("goals.home", ".")).toAbsolutePath().normalize();
        if (args.length > 0 && args[0].equals("faults")) {
            com.acme.goals.localstack.faults.FaultSuite.main(home, args);
            return;
        }
        if (args.length > 0 && args[0].equals("dlq")) {
            DeadLetterReplay.main(Publish.bootstrap(home), args);
            return;
        }
        if (args.length > 1 && args[0].equals("tail")) {
            TopicTail.print(Publish.bootstrap(home), args[1]);
            return;
        }
        if (args.length > 1 && args[0].equals("bench")) {
            switch (args[1]) {
                case "ingest" -> com.acme.goals.localstack.bench.IngestBenchmark.run(home, args);
                case "projection" -> com.acme.goals.localstack.bench.ProjectionBenchmark.run(home, args);
                case "e2e" -> com.acme.goals.localstack.bench.EndToEndBenchmark.run(home, args);
                case "api" -> com.acme.goals.localstack.bench.ApiBenchmark.run(home, args);
                case "org" -> com.acme.goals.localstack.bench.OrgBenchmark.run(home, args);
                case "curve" -> com.acme.goals.localstack.bench.ReplicaCurve.run(home, args);
                case "all" -> com.acme.goals.localstack.bench.AllBenchmarks.run(home, args);
                default -> throw new IllegalArgumentException("no benchmark named " + args[1]
                        + ": ingest, projection, e2e, api, curve or all");
            }
            return;
        }
        if (args.length > 0 && args[0].equals("publish")) {
            Publish.main(home, args);
            return;
        }
        String secret = System.getenv().getOrDefault("JWT_SECRET", "local-development-secret-change-me-0123456789");
        if (args.length > 0 && args[0].equals("token")) {
            printToken(secret, args);
            return;
        }
        Path dataDir = null;
        int gatewayPort = 8080;
        Duration clockOffset = Duration.ZERO;
        int replicas = 1;
        for (String arg : args) {
            if (arg.equals("--persist")) {
                dataDir = home.resolve(".local-stack");
            } else if (arg.startsWith("--persist=")) {
                dataDir = Path.of(arg.substring("--persist=".length())).toAbsolutePath();
            } else if (arg.startsWith("--gateway-port=")) {
                gatewayPort = Integer.parseInt(arg.substring("--gateway-port=".length()));
            } else if (arg.startsWith("--clock=")) {
                clockOffset = LocalStack.Options.clockOffset(arg.substring("--clock=".length()));
            } else if (arg.startsWith("--replicas=")) {
                replicas = Integer.parseInt(arg.substring("--replicas=".length()));
            } else {
                System.err.println("unknown option " + arg
                        + "\nusage: run-local.sh [--persist[=DIR]] [--gateway-port=N] [--clock=2026-12-31T09:59:00+08:00] [--replicas=N]");
                System.exit(2);
            }
        }
        LocalStack.Options options = LocalStack.Options.local(home, dataDir, gatewayPort, secret, clockOffset).withReplicas(replicas);

        Instant begin = Instant.now();
        System.out.println("starting Kafka (KRaft), MongoDB-wire server and " + (replicas == 1 ? "5 services"
                : replicas + " instances of each of the 4 services, the gateway and the issuer")
                + (dataDir == null ? " (in memory)" : " (data in " + dataDir + ")") + " ...");
        LocalStack stack = new LocalStack(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping the local stack ...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("the stack did not start: " + e.getMessage());
            System.exit(1);
        }
        Duration took = Duration.between(begin, Instant.now());
        DevTokens tokens = stack.tokens();
        Duration valid = Duration.ofHours(12);
        System.out.printf("""

                local stack is up in %.1f s
                  gateway   %s
                  console   %s/  (sign in as E-042, E-043, S-001 or ADMIN-1, password dev)
                  kafka     %s
                  mongodb   %s
                  mail      smtp localhost:%d, imap localhost:%d (user = password = the address, e.g. e-042@sales.example)
                  logs      %s
                %s
                dev tokens (12 h; subject = employee id):
                  export ADMIN_TOKEN=%s
                  export SUPERVISOR_TOKEN=%s
                  export EMPLOYEE_TOKEN=%s
                  export INTEGRATION_TOKEN=%s
                (admin E-001, supervisor E-100, employee E-042, integration client crm-core)
                Ctrl-C stops everything.
                """, took.toMillis() / 1000.0, stack.gatewayUrl(), stack.gatewayUrl(), stack.kafkaBootstrapServers(), stack.mongoUri(),
                stack.mail().smtpPort(), stack.mail().imapPort(), stack.service(LocalStack.GATEWAY).log().getParent(), describe(stack),
                tokens.token("E-001", valid, "ADMIN"),
                tokens.token("E-100", valid, "SUPERVISOR", "EMPLOYEE"),
                tokens.token("E-042", valid, "EMPLOYEE"),
                tokens.token("crm-core", valid, "INTEGRATION"));
        if (!clockOffset.isZero()) {
            System.out.printf("the services' clock is moved by %s: it reads %s now (tokens still use real time)%n",
                    clockOffset, stack.clock().instant());
        }
        // lets `run-local.sh publish` find this stack's broker (a test's own launcher leaves a developer's stack alone)
        if (!Boolean.getBoolean("goals.stack.private")) {
            Files.writeString(home.resolve(".local-stack-kafka"), stack.kafkaBootstrapServers());
        }
        stopped.await();
    }

    /** {@code token SUBJECT ROLE...}: a local-mode token; refused when the production profile is active. */
    private static void printToken(String secret, String[] args) {
        String profiles = System.getenv().getOrDefault("SPRING_PROFILES_ACTIVE", "");
        if (profiles.contains("prod")) {
            System.err.println("refused: dev tokens are for local mode only (SPRING_PROFILES_ACTIVE=" + profiles + ")");
            System.exit(2);
        }
        if (args.length < 3) {
            System.err.println("usage: token SUBJECT ROLE [ROLE...]   e.g. token E-042 EMPLOYEE");
            System.exit(2);
        }
        String[] roles = java.util.Arrays.copyOfRange(args, 2, args.length);
        System.out.println(new DevTokens(secret).token(args[1], Duration.ofHours(12), roles));
    }

    private static String describe(LocalStack stack) {
        StringBuilder out = new StringBuilder();
        for (ServiceProcess p : stack.processes().values()) {
            out.append(String.format("  %-17s %s (pid %d)%n", p.name(), p.url(), p.pid()));
        }
        return out.toString();
    }

}
