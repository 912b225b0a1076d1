package com.acme.goals.localstack.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.acme.goals.localstack.bench.IngestBenchmark.intOption;

/**
 * {@code run-local.sh bench all}: the throughput targets of issue 18, each on a fresh stack, one after the other, and
 * one table at the end: figure, ceiling (the same records through a bare consumer or a bare bulk write on the same
 * machine, in the same run), ratio, target, pass or fail. Sizes can be made smaller for a quick look
 * ({@code --events}, {@code --e2e-events}, {@code --ingest-events}, {@code --seconds}); the table says what ran.
 */
public final class AllBenchmarks {

    /** One line of the table; {@code pass} null: a figure the issue asks to have stated, with no target. */
    private record Row(String figure, String measured, String ceiling, String ratio, String target, Boolean pass) {
    }

    /** A benchmark's own arguments, with {@code --persist} when {@code bench all} was given it. */
    private static String[] store(boolean persist, String... own) {
        List<String> all = new ArrayList<>(List.of(own));
        if (persist) {
            all.add("--persist");
        }
        return all.toArray(String[]::new);
    }

    public static void run(Path home, String[] args) throws Exception {
        int projectionEvents = intOption(args, "--events=", 1_000_000);
        int e2eEvents = intOption(args, "--e2e-events=", 50_000);
        int ingestEvents = intOption(args, "--ingest-events=", 100_000);
        int rate = intOption(args, "--rate=", 1000);
        int seconds = intOption(args, "--seconds=", 300);
        int gatewayRate = intOption(args, "--gateway-rate=", 500);
        List<Row> rows = new ArrayList<>();

        System.out.println("== 1/4 end to end ==");
        boolean persist = List.of(args).contains("--persist");
        EndToEndBenchmark.Result e2e = EndToEndBenchmark.measure(home, store(persist,
                "--events=" + e2eEvents, "--rate=" + rate, "--seconds=" + seconds));
        EndToEndBenchmark.print(e2e);
        rows.add(new Row(String.format("end to end, %,d payments: crm.activity to progress visible through the gateway "
                        + "(after %,d on the cold stack at %,.0f/s)", e2e.events(), e2e.warmupEvents(), e2e.coldPerSecond()),
                perSecond(e2e.eventsPerSecond()), perSecond(e2e.ceiling()), percent(e2e.eventsPerSecond() / e2e.ceiling()),
                "≥ 5,000/s", e2e.eventsPerSecond() >= 5000));
        long p99 = e2e.latencyMillis().getValueAtPercentile(99);
        rows.add(new Row(String.format("end to end p99, publish to visible, at %,d/s offered for %d s (%d probes)", rate, seconds,
                e2e.latencyMillis().getTotalCount()), p99 + " ms", "", "", "≤ 500 ms", p99 <= 500 && e2e.lost() == 0));

        System.out.println("\n== 2/4 ingest ==");
        IngestBenchmark.Result ingest = IngestBenchmark.measure(home, new String[]{
                "--events=" + ingestEvents, "--latency-events=2000", "--rate=200"});
        rows.add(new Row(String.format("ingest (crm-link), %,d inbound events", ingest.events()), perSecond(ingest.ingestPerSecond()),
                perSecond(ingest.ceiling()), percent(ingest.ingestPerSecond() / ingest.ceiling()), "≥ 60%",
                ingest.ingestPerSecond() >= 0.6 * ingest.ceiling()));

        System.out.println("\n== 3/4 projection and rebuild ==");
        ProjectionBenchmark.Result projection = ProjectionBenchmark.measure(home, store(persist,
                "--events=" + projectionEvents, "--rebuild"));
        rows.add(new Row(String.format("projection (scoring), %,d ActivityRecorded", projection.events()),
                perSecond(projection.projectionPerSecond()), perSecond(projection.ceiling()),
                percent(projection.projectionPerSecond() / projection.ceiling()), "≥ 60%",
                projection.projectionPerSecond() >= 0.6 * projection.ceiling()));
        double allowed = 180.0 * projection.events() / 1_000_000;
        rows.add(new Row(String.format("rebuild of every scoring read model from %,d events", projection.events()),
                String.format("%.0f s", projection.rebuildSeconds()), "", "",
                String.format("≤ %.0f s", allowed), projection.rebuildSeconds() <= allowed));
        long peak = Math.max(projection.peakRssBytes(), e2e.peakRssBytes());
        rows.add(new Row("peak resident memory of the whole stack (end to end and projection runs, store "
                + (persist ? "on disk, --persist" : "in memory") + ")", (peak >> 20) + " MB", "", "",
                "≤ 3,072 MB", peak <= 3L << 30));
        rows.add(new Row("the store's cost per stored event: the launcher's live heap after a full GC (broker, store, bench)",
                String.format(Locale.ROOT, "%,d B per projected event (%,d MB after %,d); %,d B per inbound event end to end",
                        projection.liveHeapBytes() / projection.events(), projection.liveHeapBytes() >> 20, projection.events(),
                        e2e.liveHeapBytes() / e2e.inboundEvents()), "", "", "stated", null));

        System.out.println("\n== 4/4 gateway ==");
        List<ApiBenchmark.GatewayFigure> gateway = ApiBenchmark.measure(home, new String[]{
                "--rates=" + gatewayRate, "--seconds=20", "--clients=20", "--supervisors=10", "--reps=8"});
        ApiBenchmark.GatewayFigure g = gateway.get(0);
        String gatewayFigure = String.format("gateway adds at p99, GET /api/goals/{id} at %d/s offered, after a %d s warm-up per door, then 20 s each in turns of 5 s"
                + " (p99 %.1f ms through it)", g.rate(), ApiBenchmark.WARMUP_SECONDS, g.throughP99());
        rows.add(new Row(gatewayFigure, String.format("%.1f ms", g.addedP99()), String.format("%.1f ms direct", g.directP99()), "",
                "≤ 10 ms", g.addedP99() <= 10 && g.failures() == 0));

        System.out.printf("%n%s at %s, %d cores%n%n", LocalDate.now(), commit(home), Runtime.getRuntime().availableProcessors());
        System.out.println("| figure | measured | ceiling | ratio | target | |");
        System.out.println("|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf("| %s | %s | %s | %s | %s | %s |%n", r.figure(), r.measured(), r.ceiling(), r.ratio(), r.target(),
                    r.pass() == null ? "" : r.pass() ? "pass" : "**fail**");
        }
    }

    private static String perSecond(double value) {
        return String.format(Locale.ROOT, "%,.0f/s", value);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
    }

    private static String commit(Path home) {
        try {
            // "-dirty" when the tree has changes no commit holds: a table must not be credited to code it did not run
            Process git = new ProcessBuilder("git", "-C", home.toString(), "describe", "--always", "--dirty", "--abbrev=7")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "(no git)";
        } catch (Exception e) {
            return "(no git)";
        }
    }

    private AllBenchmarks() {
    }
}
