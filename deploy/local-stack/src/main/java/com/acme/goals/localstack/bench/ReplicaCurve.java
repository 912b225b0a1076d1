package com.acme.goals.localstack.bench;

import com.acme.goals.localstack.LocalStack;
import com.acme.goals.localstack.ServiceProcess;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static com.acme.goals.localstack.bench.IngestBenchmark.awaitCaughtUp;
import static com.acme.goals.localstack.bench.IngestBenchmark.awaitEnd;
import static com.acme.goals.localstack.bench.IngestBenchmark.hire;
import static com.acme.goals.localstack.bench.IngestBenchmark.intOption;
import static com.acme.goals.localstack.bench.IngestBenchmark.seconds;

/**
 * {@code run-local.sh bench curve}: ingest (crm-link) and projection (scoring's activity ledger) with 1, 2 and 4
 * instances of each service and 1, 4 and 12 partitions per topic, each pair on a fresh stack with every instance
 * running and in its consumer group. Two bursts: N inbound records onto {@code crm.activity} (ingest: publish start to
 * crm-link's last commit), then N {@code ActivityRecorded} straight onto {@code crm.events} (projection: publish start
 * to scoring's last commit); a bare consumer reads the inbound records (the ceiling). Stopping instances to build a
 * backlog would measure start-up order instead: the first instance UP takes all partitions until the others join.
 * The CPU each part used is read from the processes themselves
 * (the services' and this JVM's, which holds the broker and the store), per 1,000 events: on two cores the curve
 * flattens where those seconds add up to the machine.
 */
public final class ReplicaCurve {

    private static final String INGEST = "crm-link-service";
    private static final String INGEST_GROUP = "crm-link-service";
    private static final String PROJECTION = "scoring-service";
    private static final String PROJECTION_GROUP = "scoring-service.activity";

    /** One pair's figures; CPU in seconds per 1,000 events. */
    record Point(int replicas, int partitions, double rawConsume, double ingest, double ingestCpu, double ingestStackCpu,
                 double projection, double projectionCpu, double projectionStackCpu) {
    }

    public static void run(Path home, String[] args) throws Exception {
        int events = intOption(args, "--events=", 20_000);
        int owners = intOption(args, "--owners=", 40);
        List<Integer> replicaCounts = list(args, "--replicas=", List.of(1, 2, 4));
        List<Integer> partitionCounts = list(args, "--partitions=", List.of(1, 4, 12));
        System.out.printf("replica curve: %,d inbound events, %d owners; replicas %s x partitions %s, a fresh stack each%n",
                events, owners, replicaCounts, partitionCounts);
        List<Point> points = new ArrayList<>();
        for (int replicas : replicaCounts) {
            for (int partitions : partitionCounts) {
                System.out.printf("%n-- %d instance(s) of each service, %d partition(s) per topic --%n", replicas, partitions);
                points.add(measure(home, replicas, partitions, events, owners));
                System.out.println(table(points.subList(points.size() - 1, points.size()), events));
            }
        }
        System.out.println(table(points, events));
    }

    private static Point measure(Path home, int replicas, int partitions, int events, int owners) throws Exception {
        LocalStack.Options base = LocalStack.Options.forTests(home);
        List<String> jvm = new ArrayList<>(base.jvmOptions());
        jvm.add("-Dgoals.topics.partitions=" + partitions);
        LocalStack.Options options = base.withJvmOptions(jvm).withReplicas(replicas).withStartTimeout(Duration.ofMinutes(8));
        try (LocalStack stack = new LocalStack(options).start(); BenchKafka kafka = new BenchKafka(stack.kafkaBootstrapServers())) {
            hire(kafka, owners);
            awaitCaughtUp(kafka, "goal-service.hr", Topics.ORG_ACTIVITY, Duration.ofMinutes(3));
            awaitEnd(kafka, Topics.ORG_EVENTS, owners + 1, Duration.ofMinutes(3));
            awaitCaughtUp(kafka, INGEST_GROUP + ".org-chart", Topics.ORG_EVENTS, Duration.ofMinutes(3));
            List<ServiceProcess> ingest = stack.replicas(INGEST);
            List<ServiceProcess> projection = stack.replicas(PROJECTION);

            // burst 1: inbound records onto crm.activity while every instance runs (all in their groups, no rebalance
            // during the measurement); ingest = publish start to crm-link's last commit
            Random random = new Random(42);
            Cpu ingestCpu = Cpu.of(ingest);
            long began = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String id = "curve-" + i;
                kafka.send(Topics.CRM_ACTIVITY, id, IngestBenchmark.event(id, "B-" + (i % owners), random), null);
            }
            kafka.flush();
            awaitCaughtUp(kafka, INGEST_GROUP, Topics.CRM_ACTIVITY, Duration.ofMinutes(30));
            double ingestSeconds = seconds(System.nanoTime() - began);
            double[] ingestUsed = ingestCpu.used();
            awaitCaughtUp(kafka, PROJECTION_GROUP, Topics.CRM_EVENTS, Duration.ofMinutes(30));
            Duration raw = kafka.read(Topics.CRM_ACTIVITY, null, events, r -> { });

            // burst 2: ActivityRecorded straight onto crm.events, crm-link idle; projection = publish start to scoring's
            // last commit (crm-link keeps its own ledger of crm.events meanwhile, as in production)
            Cpu projectionCpu = Cpu.of(projection);
            long projectionStart = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String owner = "B-" + (i % owners);
                String amount = (100 + random.nextInt(200_000)) + "." + (10 + random.nextInt(90));
                kafka.send(Topics.CRM_EVENTS, owner, ProjectionBenchmark.recorded("curve-recorded-" + i, owner,
                        java.time.LocalDate.of(2026, 1, 1).plusDays(random.nextInt(330)), amount), null);
            }
            kafka.flush();
            awaitCaughtUp(kafka, PROJECTION_GROUP, Topics.CRM_EVENTS, Duration.ofMinutes(30));
            double projectionSeconds = seconds(System.nanoTime() - projectionStart);
            double[] projectionUsed = projectionCpu.used();

            double perThousand = 1000.0 / events;
            return new Point(replicas, partitions, events / seconds(raw.toNanos()), events / ingestSeconds,
                    ingestUsed[0] * perThousand, ingestUsed[1] * perThousand, events / projectionSeconds,
                    projectionUsed[0] * perThousand, projectionUsed[1] * perThousand);
        }
    }

    /** CPU seconds used from now on by some service processes, and by this JVM (the broker, the store, the bench). */
    private record Cpu(List<ServiceProcess> services, double[] at) {

        static Cpu of(List<ServiceProcess> services) {
            return new Cpu(services, new double[]{serviceSeconds(services), ownSeconds()});
        }

        double[] used() {
            return new double[]{serviceSeconds(services) - at[0], ownSeconds() - at[1]};
        }

        private static double serviceSeconds(List<ServiceProcess> services) {
            return services.stream().mapToDouble(p -> ProcessHandle.of(p.pid()).flatMap(h -> h.info().totalCpuDuration())
                    .map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
        }

        private static double ownSeconds() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        }
    }

    static String table(List<Point> points, int events) {
        StringBuilder out = new StringBuilder(String.format("%nreplica curve, %,d inbound events per pair (events/s; CPU s per 1,000 events)%n", events));
        out.append(String.format("%8s %10s %12s %10s %10s %12s %11s %10s %12s%n", "replicas", "partitions", "raw consume",
                "ingest", "crm-link", "broker+store", "projection", "scoring", "broker+store"));
        for (Point p : points) {
            out.append(String.format("%8d %10d %12.0f %10.0f %10.2f %12.2f %11.0f %10.2f %12.2f%n", p.replicas(), p.partitions(),
                    p.rawConsume(), p.ingest(), p.ingestCpu(), p.ingestStackCpu(), p.projection(), p.projectionCpu(),
                    p.projectionStackCpu()));
        }
        return out.toString();
    }

    private static List<Integer> list(String[] args, String prefix, List<Integer> fallback) {
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                return java.util.Arrays.stream(arg.substring(prefix.length()).split(",")).map(String::trim).map(Integer::parseInt).toList();
            }
        }
        return fallback;
    }

    private ReplicaCurve() {
    }
}
