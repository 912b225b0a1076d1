package com.acme.goals.localstack.bench;

import com.acme.goals.localstack.LocalStack;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.acme.goals.localstack.bench.IngestBenchmark.awaitCaughtUp;
import static com.acme.goals.localstack.bench.IngestBenchmark.awaitEnd;
import static com.acme.goals.localstack.bench.IngestBenchmark.intOption;
import static com.acme.goals.localstack.bench.IngestBenchmark.seconds;

/**
 * A company built as a customer would build it, on a fresh stack per size: 1 CEO, a director per 1,000, a lead per 50,
 * the rest reps (10,000: 1, 10, 200 and 9,789), hired through the HR feed ({@code hr.employee.hired} on
 * {@code org.activity}, hired two months ago); a week of payments for every rep; a week goal and a score for every rep
 * of the first lead and one rep of each other lead. Then, one caller at a time (latency at no load, as a person sees
 * it), the CEO's team dashboard (first page of 50 by score), the company's timeliness for the week, the CEO's inbox,
 * a rep's board and goal progress (as their lead); the whole stack's CPU over a minute with nobody using it; and a
 * weekly form made owed by every rep at once (due earlier today), timed until every rep's period is MISSING in the
 * store. Run at 1,000, 2,000 and {@code --employees} so the growth shows.
 */
public final class OrgBenchmark {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Pattern GOAL_ID = Pattern.compile("\"goalId\"\\s*:\\s*\"([^\"]+)\"");

    record Figures(int employees, int reps, double hiresPerSecond, long[] dashboard, long[] timeliness, long[] inbox,
                   long[] board, long[] progress, double idleCpuPercent, double settledCpuPercent, double sweepSeconds) {
    }

    /** The whole stack's CPU over the next minute, as a share of the machine, printed per process. */
    private static double idleMinute(LocalStack stack, String which) throws Exception {
        Map<String, Long> cpuBefore = Stacks.cpuMillis(stack);
        long idleFrom = System.nanoTime();
        Thread.sleep(60_000);
        Map<String, Long> cpuAfter = Stacks.cpuMillis(stack);
        double idleSeconds = seconds(System.nanoTime() - idleFrom);
        long usedMillis = cpuAfter.entrySet().stream().mapToLong(e -> e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)).sum();
        double idleCpu = 100.0 * usedMillis / (idleSeconds * 1000 * Runtime.getRuntime().availableProcessors());
        System.out.printf("  idle, %s: %.1f%% of the machine's CPU (%s)%n", which, idleCpu,
                Stacks.cpuPerThousand(cpuBefore, cpuAfter, 1000));
        return idleCpu;
    }

    public static void run(Path home, String[] args) throws Exception {
        int employees = intOption(args, "--employees=", 10_000);
        List<Integer> sizes = new ArrayList<>();
        for (int size : new int[]{1_000, 2_000}) {
            if (size < employees && !List.of(args).contains("--only")) {
                sizes.add(size);
            }
        }
        sizes.add(employees);
        List<Figures> runs = new ArrayList<>();
        for (int size : sizes) {
            runs.add(measure(home, size, args));
            print(runs);
        }
    }

    /** The company's ids by level: CEO, directors, leads, reps; each level's supervisor is assigned round robin. */
    record Company(String ceo, List<String> directors, List<String> leads, List<String> reps, Map<String, String> supervisor) {

        static Company of(int employees) {
            int directors = Math.max(1, Math.round(employees / 1000f));
            int leads = Math.max(1, Math.round(employees / 50f));
            int reps = employees - 1 - directors - leads;
            Map<String, String> supervisor = new LinkedHashMap<>();
            String ceo = "ORG-CEO";
            supervisor.put(ceo, null);
            List<String> ds = ids("ORG-D-", directors);
            List<String> ls = ids("ORG-L-", leads);
            List<String> rs = ids("ORG-R-", reps);
            ds.forEach(d -> supervisor.put(d, ceo));
            for (int i = 0; i < ls.size(); i++) {
                supervisor.put(ls.get(i), ds.get(i % ds.size()));
            }
            for (int i = 0; i < rs.size(); i++) {
                supervisor.put(rs.get(i), ls.get(i % ls.size()));
            }
            return new Company(ceo, ds, ls, rs, supervisor);
        }

        private static List<String> ids(String prefix, int count) {
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(prefix + i);
            }
            return ids;
        }

        String role(String id) {
            return id.equals(ceo) ? "CEO" : directors.contains(id) ? "SALES_DIRECTOR" : id.startsWith("ORG-L-") ? "SALES_LEAD" : "SALES_REP";
        }

        /** Every rep of the first lead, and the first rep of every other lead: who gets a goal and a score. */
        List<String> sampled() {
            List<String> sampled = new ArrayList<>();
            for (int i = 0; i < reps.size(); i++) {
                if (i % leads.size() == 0 || i < leads.size()) {
                    sampled.add(reps.get(i));
                }
            }
            return sampled;
        }
    }

    static Figures measure(Path home, int employees, String[] args) throws Exception {
        int payments = intOption(args, "--payments=", 3);
        Company company = Company.of(employees);
        System.out.printf("%norg benchmark: %,d employees (1 CEO, %d directors, %d leads, %,d reps), %d payments per rep%n",
                employees, company.directors().size(), company.leads().size(), company.reps().size(), payments);
        System.out.println("starting a fresh embedded stack ...");
        // the services' own sweep interval (30 s), not the test stack's 5 s: idle is measured as it runs in production
        LocalStack.Options unlimited = Stacks.unlimited(home);
        List<String> jvm = new ArrayList<>(unlimited.jvmOptions());
        jvm.add("-Dgoals.timeliness.sweep-interval=PT30S");
        LocalStack.Options options = Stacks.persistIf(args, unlimited.withJvmOptions(jvm));
        try (LocalStack stack = new LocalStack(options).start();
             BenchKafka kafka = new BenchKafka(stack.kafkaBootstrapServers());
             MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            HttpClient http = Stacks.http();
            String gateway = stack.gatewayUrl();
            String admin = stack.tokens().token("A-org", Duration.ofHours(6), "ADMIN");
            OffsetDateTime now = OffsetDateTime.now(SHANGHAI);
            String week = Stacks.isoWeek(now.toLocalDate());

            // the HR feed: everyone at once, as a first import would send them; each hire is one EmployeeRegistered
            LocalDate hiredOn = now.toLocalDate().minusMonths(2).withDayOfMonth(1);
            long orgEventsBefore = kafka.end(Topics.ORG_EVENTS);
            Map<String, Long> cpuBeforeHires = Stacks.cpuMillis(stack);
            long began = System.nanoTime();
            company.supervisor().forEach((id, sup) -> kafka.send(Topics.ORG_ACTIVITY, "hr-" + id, hired(id, company.role(id), sup, hiredOn), null));
            kafka.flush();
            awaitEnd(kafka, Topics.ORG_EVENTS, orgEventsBefore + employees, Duration.ofMinutes(60));
            System.out.printf("  goal-service registered them: %,.0f/s%n", employees / seconds(System.nanoTime() - began));
            for (String service : List.of("report-service", "scoring-service", "crm-link-service")) {
                awaitCaughtUp(kafka, service + ".org-chart", Topics.ORG_EVENTS, Duration.ofMinutes(30));
            }
            double hiresPerSecond = employees / seconds(System.nanoTime() - began);
            System.out.printf("  hired through the HR feed, in every service's org chart: %,.0f/s%n", hiresPerSecond);
            System.out.printf("  CPU per 1,000 hires: %s%n", Stacks.cpuPerThousand(cpuBeforeHires, Stacks.cpuMillis(stack), employees));

            // a week of payments for every rep
            Random random = new Random(5);
            OffsetDateTime monday = now.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS);
            long span = Math.max(1, Duration.between(monday, now).toSeconds());
            int sent = 0;
            for (String rep : company.reps()) {
                for (int p = 0; p < payments; p++) {
                    String id = "org-" + rep + "-" + p;
                    kafka.send(Topics.CRM_ACTIVITY, id, EndToEndBenchmark.payment(id, rep, (100 + random.nextInt(50_000)) + ".00",
                            now.minusSeconds((long) (random.nextDouble() * span))), null);
                    sent++;
                }
            }
            kafka.flush();
            awaitCaughtUp(kafka, "crm-link-service", Topics.CRM_ACTIVITY, Duration.ofMinutes(30));
            awaitCaughtUp(kafka, "scoring-service.activity", Topics.CRM_EVENTS, Duration.ofMinutes(30));
            System.out.printf("  %,d payments in scoring's ledger%n", sent);

            // week goals and scores: every rep of the first lead and one rep of each other lead
            Map<String, String> goals = new LinkedHashMap<>();
            for (String rep : company.sampled()) {
                String lead = token(stack, company.supervisor().get(rep), "SUPERVISOR");
                Matcher id = GOAL_ID.matcher(Stacks.until(http, Stacks.post(gateway + "/api/goals", lead, """
                        {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"collect",
                         "numericTargets":[{"metric":"payment_collection","target":"100000","unit":"CNY"}]}""".formatted(rep, week)), 201));
                id.find();
                goals.put(rep, id.group(1));
            }
            for (String rep : goals.keySet()) {
                String lead = token(stack, company.supervisor().get(rep), "SUPERVISOR");
                Stacks.until(http, Stacks.post(gateway + "/api/scores/weeks/" + rep + "/" + week, lead,
                        "{\"behaviorRating\":" + (50 + random.nextInt(50)) + "}"), 201);
            }
            System.out.printf("  %d week goals set and scored%n", goals.size());

            String ceo = token(stack, company.ceo(), "SUPERVISOR");
            String rep = company.reps().get(0);
            String lead = token(stack, company.supervisor().get(rep), "SUPERVISOR");
            long[] dashboard = latency(http, gateway + "/api/dashboards/teams/" + company.ceo() + "?periodKey=" + week
                    + "&sort=score&page=0&size=50", ceo, "CEO's team dashboard");
            long[] timeliness = latency(http, gateway + "/api/reports/timeliness?supervisorId=" + company.ceo() + "&periodKey=" + week,
                    ceo, "company timeliness for the week");
            long[] inbox = latency(http, gateway + "/api/reports/inbox", ceo, "CEO's inbox");
            long[] board = latency(http, gateway + "/api/boards/weeks/" + rep + "/" + week, lead, "a rep's board (their lead)");
            long[] progress = latency(http, gateway + "/api/progress/goals/" + goals.get(rep), lead, "a goal's progress (the lead)");

            Thread.sleep(10_000); // what the reads started settles
            double idleCpu = idleMinute(stack, "the minute after the reads");
            // the work just done leaves some behind (the JIT compiling it, the sweep re-reading entries changed in its
            // last 5 minutes): the steady cost is a later minute
            Thread.sleep(180_000);
            double settledCpu = idleMinute(stack, "a minute, 4 minutes after the reads");

            // a weekly form every rep owes from this Monday, due earlier today: one sweep has them all to mark
            LocalDate today = now.toLocalDate();
            Map<String, Long> cpuBeforeSweep = Stacks.cpuMillis(stack);
            began = System.nanoTime();
            Stacks.until(http, Stacks.post(gateway + "/api/report-templates", admin, """
                    {"templateId":"org-bench-weekly","name":"weekly plan","role":"SALES_REP","periodType":"WEEK","kind":"PLAN",
                     "effectiveFrom":"%s","deadline":{"weekday":"%s","dayOffset":0,"time":"00:00"},
                     "fields":[{"key":"plan","label":"plan","type":"TEXT","required":true}]}"""
                    .formatted(monday.toLocalDate(), today.getDayOfWeek())), 201);
            var slots = mongo.getDatabase("report-service").getCollection("report_slots");
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            long missing = 0;
            long firstSeen = 0;
            while (missing < company.reps().size() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                missing = slots.countDocuments(Filters.and(Filters.eq("templateId", "org-bench-weekly"), Filters.eq("state", "MISSING")));
                if (missing > 0 && firstSeen == 0) {
                    firstSeen = System.nanoTime();
                }
            }
            double sweepSeconds = seconds(System.nanoTime() - firstSeen);
            System.out.printf("  %,d of %,d reps' weekly plans MISSING: the first %.1f s after the form was made owed (the next"
                    + " sweep), the last %.1f s after the first%n", missing, company.reps().size(), seconds(firstSeen - began), sweepSeconds);
            System.out.printf("  CPU per 1,000 marked, from the form's creation to the last mark (idle included): %s%n",
                    Stacks.cpuPerThousand(cpuBeforeSweep, Stacks.cpuMillis(stack), Math.max(1, missing)));
            if (missing < company.reps().size()) {
                throw new IllegalStateException("the sweep marked " + missing + " of " + company.reps().size() + " within 30 minutes");
            }
            return new Figures(employees, company.reps().size(), hiresPerSecond, dashboard, timeliness, inbox, board, progress,
                    idleCpu, settledCpu, sweepSeconds);
        } finally {
            Stacks.removeData(options);
        }
    }

    /** p50, p95 and max in ms of one caller's sequential GETs (5 to warm up, then up to 100 or 60 s), each a 200. */
    private static long[] latency(HttpClient http, String url, String token, String what) throws Exception {
        Histogram millis = new Histogram(600_000, 3);
        long stop = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < 105 && (i < 25 || System.nanoTime() < stop); i++) {
            long began = System.nanoTime();
            HttpResponse<String> reply = http.send(Stacks.get(url, token), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long took = (System.nanoTime() - began) / 1_000_000;
            if (reply.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + reply.statusCode() + " " + reply.body());
            }
            if (i >= 5) {
                millis.recordValue(Math.min(600_000, took));
            }
        }
        long[] figures = {millis.getValueAtPercentile(50), millis.getValueAtPercentile(95), millis.getMaxValue()};
        System.out.printf("  %-34s p50 %,6d ms  p95 %,6d ms  max %,6d ms (%d calls)%n", what, figures[0], figures[1], figures[2],
                millis.getTotalCount());
        return figures;
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String token(LocalStack stack, String subject, String role) {
        return TOKENS.computeIfAbsent(stack.gatewayUrl() + subject + role, k -> stack.tokens().token(subject, Duration.ofHours(6), role));
    }

    static void print(List<Figures> runs) {
        System.out.printf("%n%-44s %-12s", "figure (p95 of one caller's reads)", "target");
        runs.forEach(r -> System.out.printf(" %14s", String.format("%,d people", r.employees())));
        System.out.println();
        row(runs, "HR feed: hires applied, every org chart", "≥ 500/s", r -> String.format("%,.0f/s", r.hiresPerSecond()));
        row(runs, "CEO's team dashboard, first 50 by score", "≤ 300 ms", r -> r.dashboard()[1] + " ms");
        row(runs, "company timeliness, one week", "≤ 500 ms", r -> r.timeliness()[1] + " ms");
        row(runs, "CEO's inbox", "≤ 100 ms", r -> r.inbox()[1] + " ms");
        row(runs, "a rep's week board (their lead)", "≤ 100 ms", r -> r.board()[1] + " ms");
        row(runs, "a goal's progress (the lead)", "≤ 100 ms", r -> r.progress()[1] + " ms");
        row(runs, "idle: whole stack's CPU, the minute after", "< 5%", r -> String.format("%.1f%%", r.idleCpuPercent()));
        row(runs, "idle: the same, 4 minutes later", "< 5%", r -> String.format("%.1f%%", r.settledCpuPercent()));
        row(runs, "sweep: every rep's week due at once", "≤ 60 s", r -> String.format("%.1f s (%,d)", r.sweepSeconds(), r.reps()));
        System.out.println("(the sweep: from the first of the reps' weeks marked MISSING to the last)");
    }

    private static void row(List<Figures> runs, String figure, String target, java.util.function.Function<Figures, String> value) {
        System.out.printf("%-44s %-12s", figure, target);
        runs.forEach(r -> System.out.printf(" %14s", value.apply(r)));
        System.out.println();
    }

    private static byte[] hired(String id, String role, String supervisor, LocalDate on) {
        return ("{\"specversion\":\"1.0\",\"id\":\"hr-%s\",\"source\":\"urn:bench:hr\",\"type\":\"hr.employee.hired\","
                + "\"time\":\"%sT09:00:00+08:00\",\"data\":{\"employeeId\":\"%s\",\"name\":\"%s\",\"role\":\"%s\","
                + "\"supervisorId\":%s,\"timeZone\":\"Asia/Shanghai\"}}")
                .formatted(id, on, id, id, role, supervisor == null ? "null" : "\"" + supervisor + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private OrgBenchmark() {
    }
}
