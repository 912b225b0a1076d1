package com.acme.goals.localstack.faults;

import com.acme.goals.localstack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/run-local.sh faults}: the same workload twice on fresh stacks, once in fair weather (the golden run) and
 * once while faults are injected mid-stream: the broker stopped for a minute, each service killed with {@code kill -9}
 * and restarted, the store restarted, fifty commands to one goal at once, every inbound record sent a second time.
 * Then every read model a user can reach and every event published are compared with the golden run's, and the
 * contract month's totals with {@code expected.json}. Prints a table; exits 1 when anything was lost, counted twice or
 * differs.
 */
public final class FaultSuite {

    /** One injected fault: what, when it began and ended (seconds into the load), and how long until the system was whole. */
    public record Fault(String what, double began, double ended, Double recoveredAfter) {
    }

    /** A whole comparison. */
    public record Report(int recordsIn, int accepted, int rejected, int parkedAtEnd, int lost, int countedTwice, List<String> differences,
                         List<String> goldenContractMismatches, List<String> faultedContractMismatches, List<Fault> faults,
                         int concurrentWins, int concurrentConflicts, int concurrentOther, int gatewayRetries, double goldenSeconds,
                         double faultedSeconds, List<String> problems, int replicas) {

        public boolean whole() {
            return lost == 0 && countedTwice == 0 && differences.isEmpty() && faultedContractMismatches.isEmpty()
                    && concurrentWins == 1 && concurrentOther == 0;
        }
    }

    /**
     * How long the load runs, whether every fault is injected (else one broker stop and one kill per service), and how
     * many instances of each service the faulted run has (the golden run always one: a replicated run must end as a
     * single instance would). With replicas, each kill takes down one instance while the others carry on.
     */
    public record Options(int seconds, int paymentsPerSecond, boolean every, int replicas) {
        /** Several minutes: the broker away for 65 s, every service killed twice, the store restarted. */
        public static Options severalMinutes() {
            return new Options(300, 10, true, 1);
        }

        /**
         * For {@code ./mvnw verify}: two instances of each service in the faulted run, one broker stop, one instance of
         * each service killed with {@code kill -9} and restarted, no store restart.
         */
        public static Options brief() {
            return new Options(100, 6, false, 2);
        }

        public Options withReplicas(int replicas) {
            return new Options(seconds, paymentsPerSecond, every, replicas);
        }
    }

    private FaultSuite() {
    }

    public static void main(Path home, String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("crashes")) {
            WholeStackCrashes.main(home, args);
            return;
        }
        Options options = Options.severalMinutes();
        for (String arg : args) {
            if (arg.equals("--brief")) {
                options = Options.brief();
            } else if (arg.startsWith("--seconds=")) {
                options = new Options(Integer.parseInt(arg.substring(10)), options.paymentsPerSecond(), options.every(), options.replicas());
            } else if (arg.startsWith("--replicas=")) {
                options = options.withReplicas(Integer.parseInt(arg.substring("--replicas=".length())));
            } else if (!arg.equals("faults")) {
                System.err.println("usage: faults [--brief] [--seconds=N] [--replicas=N]   |   faults crashes [--kills=20] [--payments=600]");
                System.exit(2);
            }
        }
        Report report = run(home, options);
        System.out.println(table(report));
        System.exit(report.whole() ? 0 : 1);
    }

    public static Report run(Path home, Options options) throws Exception {
        ContractMonth month = new ContractMonth();
        Instant begin = Instant.now();
        // the steady load goes to a week of its own, four weeks before the contract month's first (so the month's totals
        // stay the contract's alone), the same in both runs; the faulted stack's clock starts where the golden one's did,
        // so the same deadlines have passed in both
        LocalDate contractMonday = LocalDate.parse(month.weeks.get(0) + "-1", java.time.format.DateTimeFormatter.ISO_WEEK_DATE);
        Workload.Plan plan = new Workload.Plan(options.seconds(), options.paymentsPerSecond(), contractMonday.minusWeeks(4));
        System.out.println("fault suite: golden run (" + options.seconds() + " s of load, no faults) ...");
        long goldenStart = System.nanoTime();
        Run golden = run(home, month, plan, options, Duration.ZERO, false);
        double goldenSeconds = (System.nanoTime() - goldenStart) / 1e9;
        System.out.println("fault suite: faulted run (" + options.replicas() + " instance(s) of each service) ...");
        long faultedStart = System.nanoTime();
        Run faulted = run(home, month, plan, options, Duration.between(Instant.now(), begin), true);
        double faultedSeconds = (System.nanoTime() - faultedStart) / 1e9;

        int[] lostAndExtra = faulted.models.activityLostAndExtra(golden.models);
        int[] lowerAndHigher = faulted.models.progressLowerAndHigher(golden.models);
        int accepted = faulted.models.events.getOrDefault("crm.events|crm.ActivityRecorded", java.util.Set.of()).size();
        List<String> problems = new ArrayList<>(golden.problems);
        problems.addAll(faulted.problems);
        return new Report((int) faulted.recordsIn, accepted, faulted.rejected, faulted.parked, lostAndExtra[0] + lowerAndHigher[0],
                lostAndExtra[1] + lowerAndHigher[1], faulted.models.differencesFrom(golden.models),
                golden.models.contractMismatches(month), faulted.models.contractMismatches(month), faulted.faults,
                faulted.concurrent[0], faulted.concurrent[1], faulted.concurrent[2], faulted.retries, goldenSeconds, faultedSeconds, problems,
                options.replicas());
    }

    private record Run(ReadModels models, long recordsIn, int rejected, int parked, List<Fault> faults, int[] concurrent, int retries,
                       List<String> problems) {
    }

    private static Run run(Path home, ContractMonth month, Workload.Plan plan, Options options, Duration clockOffset, boolean faults)
            throws Exception {
        Path data = Files.createTempDirectory("goals-faults-");
        LocalStack.Options base = LocalStack.Options.forTests(home);
        // a file-backed store where the plan restarts it (in memory, a restart would lose everything); the logs kept
        // apart from it, so a failed run can still be read
        Path logs = base.logDir().resolveSibling(base.logDir().getFileName() + (faults ? "-faulted" : "-golden"));
        System.out.println("  services' logs: " + logs);
        LocalStack.Options stackOptions = new LocalStack.Options(home, options.every() ? data : null, logs, 0,
                base.jwtSecret(), null, null, base.jvmOptions(), base.startTimeout(), clockOffset, faults ? options.replicas() : 1);
        Phases phases = new Phases();
        try (LocalStack stack = new LocalStack(stackOptions).start()) {
            phases.ended("stack up");
            Workload load = new Workload(stack, month, plan);
            try {
                load.setUp();
                phases.ended("set-up");
                List<String[]> inbound = load.inbound();
                long start = System.nanoTime();
                CompletableFuture<Void> sending = async(() -> load.sendInbound(inbound, start));
                CompletableFuture<Void> commands = async(() -> load.runCommands(start));
                CompletableFuture<Void> probing = async(() -> load.runProbes(start, faults));
                long watchUntil = start + Duration.ofSeconds(options.seconds() + 600).toNanos();
                CompletableFuture<Void> watching = async(() -> load.watchProbes(watchUntil));
                List<Fault> injected = faults ? inject(stack, options, start) : List.of();
                CompletableFuture.allOf(sending, commands, probing).get(options.seconds() + 900L, TimeUnit.SECONDS);
                phases.ended("load and faults");
                if (faults) {
                    load.replayInbound(inbound);
                }
                drain(stack);
                phases.ended("drained");
                load.scoreWeeks();
                drain(stack);
                phases.ended("weeks scored");
                awaitProbes(load, watchUntil);
                watching.cancel(true);
                List<Fault> measured = recoveries(injected, load, start);
                ReadModels models = ReadModels.read(load, plan, month, stack.kafkaBootstrapServers());
                phases.ended("read models read");
                System.out.println("  " + phases);
                return new Run(models, load.recordsIn.get(), deadLetters(stack.kafkaBootstrapServers()), parked(stack), measured,
                        new int[]{load.concurrentWins.get(), load.concurrentConflicts.get(), load.concurrentOther.get()},
                        load.gateway().retries(), List.copyOf(load.problems));
            } finally {
                load.close();
            }
        } finally {
            LocalStack.deleteTree(data);
        }
    }

    /** Where a run's minutes go, printed after it: the suite's length is a budget of the build. */
    private static final class Phases {
        private final StringBuilder done = new StringBuilder("phases:");
        private long since = System.nanoTime();

        void ended(String phase) {
            long now = System.nanoTime();
            done.append(String.format(" %s %.0f s;", phase, (now - since) / 1e9));
            since = now;
        }

        @Override
        public String toString() {
            return done.toString();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> async(Step step) {
        return CompletableFuture.runAsync(() -> {
            try {
                step.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The faults, at fixed moments of the load; returns what was done and when. */
    private static List<Fault> inject(LocalStack stack, Options options, long start) throws Exception {
        List<Fault> done = new ArrayList<>();
        List<Object[]> plan = new ArrayList<>();
        if (options.every()) {
            plan.add(new Object[]{20, "kill -9 crm-link-service", "crm-link-service", 12});
            plan.add(new Object[]{40, "kill -9 scoring-service", "scoring-service", 12});
            plan.add(new Object[]{62, "Kafka broker stopped 65 s", "broker", 65});
            plan.add(new Object[]{150, "kill -9 goal-service", "goal-service", 10});
            plan.add(new Object[]{168, "kill -9 report-service", "report-service", 10});
            plan.add(new Object[]{186, "MongoDB-wire server restarted", "store", 5});
            plan.add(new Object[]{200, "kill -9 crm-link-service", "crm-link-service", 8});
            plan.add(new Object[]{214, "kill -9 scoring-service", "scoring-service", 8});
            plan.add(new Object[]{228, "kill -9 goal-service", "goal-service", 8});
            plan.add(new Object[]{244, "kill -9 report-service", "report-service", 8});
        } else {
            // with replicas, alternately the first and the last instance: the survivor carries on meanwhile
            int last = options.replicas();
            plan.add(new Object[]{10, "kill -9 " + LocalStack.replicaName("crm-link-service", last), LocalStack.replicaName("crm-link-service", last), 6});
            plan.add(new Object[]{22, "Kafka broker stopped 20 s", "broker", 20});
            plan.add(new Object[]{50, "kill -9 goal-service", "goal-service", 6});
            plan.add(new Object[]{62, "kill -9 " + LocalStack.replicaName("report-service", last), LocalStack.replicaName("report-service", last), 6});
            plan.add(new Object[]{74, "kill -9 scoring-service", "scoring-service", 6});
        }
        for (Object[] fault : plan) {
            sleepUntil(start, (Integer) fault[0]);
            double began = (System.nanoTime() - start) / 1e9;
            String target = (String) fault[2];
            System.out.printf("  %5.1f s  %s%n", began, fault[1]);
            switch (target) {
                case "broker" -> stack.stopBroker();
                case "store" -> stack.stopStore();
                default -> stack.service(target).kill();
            }
            Thread.sleep((Integer) fault[3] * 1000L);
            switch (target) {
                case "broker" -> stack.startBroker();
                case "store" -> stack.startStore();
                default -> {
                    stack.service(target).start();
                    stack.service(target).awaitHealthy(Duration.ofMinutes(4));
                }
            }
            done.add(new Fault((String) fault[1], began, (System.nanoTime() - start) / 1e9, null));
        }
        return done;
    }

    private static void sleepUntil(long start, int second) throws InterruptedException {
        long wait = start + second * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    /** Until every consumer group of the stack has finished every record on its topics. */
    static void drain(LocalStack stack) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            int quiet = 0;
            while (System.nanoTime() < deadline) {
                quiet = lag(admin) == 0 ? quiet + 1 : 0;
                if (quiet >= 3) { // three looks a few seconds apart: the relays and the sweeps have nothing more in flight
                    return;
                }
                Thread.sleep(3_000);
            }
        }
        throw new IllegalStateException("the stack did not drain within 15 minutes");
    }

    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
            }
        }
        return lag;
    }

    private static void awaitProbes(Workload load, long untilNanos) throws InterruptedException {
        while (System.nanoTime() < untilNanos && load.probes.values().stream().anyMatch(t -> t[1] < 0)) {
            Thread.sleep(500);
        }
    }

    /** After each fault: how long until the first probe sent after it ended showed in the probe's progress. */
    private static List<Fault> recoveries(List<Fault> faults, Workload load, long start) {
        List<Fault> measured = new ArrayList<>();
        for (Fault fault : faults) {
            long ended = start + (long) (fault.ended() * 1e9);
            Double recovered = load.probes.values().stream().filter(t -> t[0] >= ended && t[1] > 0)
                    .min(java.util.Comparator.comparingLong(t -> t[0])).map(t -> (t[1] - ended) / 1e9).orElse(null);
            measured.add(new Fault(fault.what(), fault.began(), fault.ended(), recovered));
        }
        return measured;
    }

    private static int deadLetters(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of("crm.activity.dlq")).allTopicNames().get().get("crm.activity.dlq").partitions()
                    .forEach(p -> latest.put(new TopicPartition("crm.activity.dlq", p.partition()), OffsetSpec.latest()));
            return (int) admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    /** Records parked at the end, over every service (their gauges). */
    private static int parked(LocalStack stack) {
        int parked = 0;
        for (String service : LocalStack.SERVICES) {
            try {
                var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.service(service).url() + "/actuator/prometheus")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                for (String line : response.body().lines().toList()) {
                    if (line.startsWith("goals_feed_parked")) {
                        parked += (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            } catch (Exception e) {
                parked += 0;
            }
        }
        return parked;
    }

    /** The table docs/operations/faults.md shows. */
    public static String table(Report r) {
        StringBuilder out = new StringBuilder("\nfault suite: the same load with and without faults\n");
        out.append(String.format("  golden run %.0f s (one instance of each service), faulted run %.0f s (%d instance(s) of each;"
                + " each run on a fresh stack)%n", r.goldenSeconds(), r.faultedSeconds(), r.replicas()));
        out.append("  faults injected:\n");
        for (Fault f : r.faults()) {
            out.append(String.format("    %-34s at %5.1f s, over at %5.1f s, whole again %s%n", f.what(), f.began(), f.ended(),
                    f.recoveredAfter() == null ? "(no probe measured)" : String.format("%.1f s later", f.recoveredAfter())));
        }
        out.append(String.format("  inbound records in (duplicates and the replay included) %8d%n", r.recordsIn()));
        out.append(String.format("  accepted (distinct, on crm.events)                      %8d%n", r.accepted()));
        out.append(String.format("  rejected (crm.activity.dlq)                             %8d%n", r.rejected()));
        out.append(String.format("  parked at the end                                       %8d%n", r.parkedAtEnd()));
        out.append(String.format("  lost (must be 0)                                        %8d%n", r.lost()));
        out.append(String.format("  counted twice (must be 0)                               %8d%n", r.countedTwice()));
        out.append(String.format("  read models and event types that differ (must be 0)     %8d%n", r.differences().size()));
        out.append(String.format("  contract month totals off expected.json, faulted run    %8d   (golden run %d)%n",
                r.faultedContractMismatches().size(), r.goldenContractMismatches().size()));
        out.append(String.format("  fifty revisions of one goal at once: %d went through, %d were told 409, %d other%n",
                r.concurrentWins(), r.concurrentConflicts(), r.concurrentOther()));
        out.append(String.format("  calls the client had to repeat while a door was shut    %8d%n", r.gatewayRetries()));
        r.differences().stream().limit(20).forEach(d -> out.append("    differs: ").append(d).append('\n'));
        r.faultedContractMismatches().stream().limit(20).forEach(d -> out.append("    off: ").append(d).append('\n'));
        r.problems().forEach(p -> out.append("    problem: ").append(p).append('\n'));
        out.append(r.whole() ? "  WHOLE: nothing lost, nothing counted twice, every read model as in fair weather\n" : "  NOT WHOLE\n");
        return out.toString();
    }
}
