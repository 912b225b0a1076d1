package com.acme.goals.localstack.faults;

import com.acme.goals.localstack.DevTokens;
import com.acme.goals.localstack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same input for every run, whatever the faults: the contract month and steady payments over Kafka and HTTP, goals
 * set and revised, weekly plans drafted and submitted, DAY goals added, fifty revisions of one goal at once, probes, and
 * at the end every week scored. Every step is safe to repeat (it checks what is already there), so a step cut off by a
 * fault is simply tried again until it goes through; the content never depends on when it gets through.
 */
final class Workload {

    /** What the runs share: how long, how much, and the week the steady load goes to ("last week" in the names). */
    record Plan(int seconds, int paymentsPerSecond, LocalDate lastMonday) {
        String lastWeek() {
            return week(lastMonday);
        }

        static String week(LocalDate monday) {
            return String.format("%d-W%02d", monday.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                    monday.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }

        String lastWeekMonth() {
            return java.time.YearMonth.from(lastMonday.plusDays(3)).toString();
        }
    }

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String DIRECTOR = "E-001";
    static final String PROBE = "E-9001";
    static final List<String> MONEY = List.of("contract_amount", "payment_collection", "sales_amount");
    static final List<String> COUNTS = List.of("calls", "visits", "new_customers", "new_opportunities", "won_deals", "lost_deals",
            "new_service_tickets", "closed_service_tickets", "new_approvals");
    private static final Pattern SUPERVISOR = Pattern.compile("\"employeeId\": \"(E-\\d+)\".*\"supervisorId\": \"(E-\\d+)\"");

    private final LocalStack stack;
    private final ContractMonth month;
    private final Plan plan;
    private final Gateway gateway;
    private final DevTokens tokens;
    private final String admin;
    private final String integration;
    final List<String> reps;
    final Map<String, String> leadOf = new ConcurrentHashMap<>();
    final Map<String, String> liveGoal = new ConcurrentHashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    final AtomicLong recordsIn = new AtomicLong();
    final AtomicInteger concurrentWins = new AtomicInteger();
    final AtomicInteger concurrentConflicts = new AtomicInteger();
    final AtomicInteger concurrentOther = new AtomicInteger();
    /** Probe k: when it was sent and when it showed in the probe's progress (nanoTime), for recovery times. */
    final Map<Integer, long[]> probes = new ConcurrentHashMap<>();
    final List<String> problems = new CopyOnWriteArrayList<>();

    Workload(LocalStack stack, ContractMonth month, Plan plan) {
        this.stack = stack;
        this.month = month;
        this.plan = plan;
        this.gateway = new Gateway(stack.gatewayUrl());
        this.tokens = stack.tokens();
        this.admin = token("E-fault-admin", "ADMIN");
        this.integration = token("crm-core", "INTEGRATION");
        this.reps = month.owners();
        for (String hire : month.hires) {
            Matcher m = SUPERVISOR.matcher(hire);
            if (m.find()) {
                leadOf.put(m.group(1), m.group(2));
            }
        }
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    String token(String subject, String... roles) {
        return tokens.token(subject, Duration.ofHours(3), roles);
    }

    Gateway gateway() {
        return gateway;
    }

    String admin() {
        return admin;
    }

    // ---- set-up

    /** HR hires the month's people; goals for every week and the month of the contract, a live goal for last week, links. */
    void setUp() throws Exception {
        List<String[]> hires = new ArrayList<>();
        for (int i = 0; i < month.hires.size(); i++) {
            hires.add(new String[]{"hr-" + i, month.hires.get(i)});
        }
        sendToKafka("org.activity", hires);
        gateway.post("/api/org/employees", admin, """
                {"employeeId":"%s","name":"probe","role":"SALES_REP","timeZone":"Asia/Shanghai"}""".formatted(PROBE), 201, 409);
        long hiredBy = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (String rep : reps) {
            // goal-service applies the HR feed in its own time (with replicas, a hire parked on one instance waits for its
            // supervisor's hire on the other): 404 until then
            while (gateway.get("/api/org/employees/" + rep, admin, 200, 404).status() == 404) {
                if (System.nanoTime() > hiredBy) {
                    throw new IllegalStateException(rep + " was not in goal-service's directory 3 minutes after the HR feed");
                }
                Thread.sleep(200);
            }
        }
        for (String rep : reps) {
            String lead = token(leadOf.get(rep), "SUPERVISOR");
            for (String week : month.weeks) {
                goal(lead, rep, "WEEK", week, "contract " + week, contractTargets());
            }
            String monthGoal = goal(lead, rep, "MONTH", month.month, "contract " + month.month, contractTargets());
            liveGoal.put(rep, goal(lead, rep, "WEEK", plan.lastWeek(), "live " + plan.lastWeek(), target("payment_collection", "1000000", "CNY")));
            // the rep links their first customer to the month's goal; crm-link learns the goal from goal.events first
            String owner = token(rep, "EMPLOYEE");
            long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (gateway.post("/api/crm/links", owner, "{\"goalId\":\"%s\",\"customerId\":\"C-%s-001\"}".formatted(monthGoal,
                    rep.substring(2)), 200, 201, 404).status() == 404 && System.nanoTime() < until) {
                Thread.sleep(500);
            }
        }
        liveGoal.put(PROBE, goal(token(PROBE, "EMPLOYEE"), PROBE, "WEEK", plan.lastWeek(), "probe " + plan.lastWeek(),
                target("payment_collection", "1000000", "CNY")));
    }

    private static String contractTargets() {
        List<String> targets = new ArrayList<>();
        MONEY.forEach(m -> targets.add(target(m, "100000000", "CNY")));
        COUNTS.forEach(m -> targets.add(target(m, "10000", "count")));
        return String.join(",", targets);
    }

    private static String target(String metric, String amount, String unit) {
        return "{\"metric\":\"%s\",\"target\":\"%s\",\"unit\":\"%s\"}".formatted(metric, amount, unit);
    }

    /** Sets a goal unless the owner has one of that title for that period already (a repeat after a lost answer). */
    String goal(String token, String owner, String type, String period, String title, String targets) throws Exception {
        String found = goalTitled(owner, period, title);
        if (found != null) {
            return found;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                Gateway.Reply reply = gateway.once("POST", "/api/goals", token, """
                        {"ownerId":"%s","periodType":"%s","periodKey":"%s","title":"%s","numericTargets":[%s]}"""
                        .formatted(owner, type, period, title, targets), null);
                if (reply.status() == 201) {
                    return reply.text("goalId");
                }
                if (reply.status() < 500 && reply.status() != 429) {
                    throw new IllegalStateException("goal " + title + " of " + owner + ": " + reply.status() + " " + reply.body());
                }
            } catch (java.io.IOException cutOff) {
                // the answer was lost: the goal may exist; look before setting it again
            }
            long look = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < look) {
                Thread.sleep(1_000);
                String now = goalTitledOnce(owner, period, title);
                if (now != null) {
                    return now;
                }
            }
            if (attempt > 600) {
                throw new IllegalStateException("goal " + title + " of " + owner + " could not be set");
            }
        }
    }

    private String goalTitled(String owner, String period, String title) throws InterruptedException {
        JsonNode list = gateway.get("/api/goals?ownerId=" + owner + "&periodKey=" + period + "&size=500", admin, 200).body();
        for (JsonNode item : list.path("items")) {
            if (title.equals(item.path("title").asText())) {
                return item.path("goalId").asText();
            }
        }
        return null;
    }

    private String goalTitledOnce(String owner, String period, String title) {
        try {
            Gateway.Reply reply = gateway.once("GET", "/api/goals?ownerId=" + owner + "&periodKey=" + period + "&size=500", admin, null, null);
            if (reply.status() != 200) {
                return null;
            }
            for (JsonNode item : reply.body().path("items")) {
                if (title.equals(item.path("title").asText())) {
                    return item.path("goalId").asText();
                }
            }
        } catch (Exception notNow) {
            // asked again
        }
        return null;
    }

    // ---- the steady load

    /** Everything inbound, in the order it is sent: the month's lines and the steady payments, each with its key. */
    List<String[]> inbound() {
        List<String[]> items = new ArrayList<>();
        int payments = (int) (plan.paymentsPerSecond() * plan.seconds() * 0.8);
        Random random = new Random(42);
        int m = 0;
        for (int p = 0; p < payments || m < month.activity.size(); ) {
            if (m < month.activity.size() && (p >= payments || m * (long) payments <= p * (long) month.activity.size())) {
                String line = month.activity.get(m++);
                items.add(new String[]{ownerOf(line), line});
            } else {
                String owner = reps.get(p % reps.size());
                LocalDate day = plan.lastMonday().plusDays(p % 6);
                String time = ZonedDateTime.of(day.atTime(8, 0).plusSeconds(random.nextInt(36_000)), SHANGHAI)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                String amount = BigDecimal.valueOf(100 + random.nextInt(900_000), 2).toPlainString();
                String id = "fs-pay-" + p++;
                items.add(new String[]{owner, """
                        {"specversion":"1.0","id":"%s","source":"urn:acme:fault-suite","type":"crm.payment.received","time":"%s",\
                        "datacontenttype":"application/json","data":{"paymentId":"%s","customerId":"C-%s-001","ownerId":"%s","amount":"%s","currency":"CNY"}}"""
                        .formatted(id, time, id, owner.substring(2), owner, amount)});
            }
        }
        return items;
    }

    private static String ownerOf(String line) {
        Matcher m = Pattern.compile("\"ownerId\": ?\"([^\"]+)\"").matcher(line);
        return m.find() ? m.group(1) : "unknown";
    }

    /** Sends the inbound records at a steady pace over 80% of the run: two in three over Kafka, one in three over HTTP. */
    void sendInbound(List<String[]> items, long startNanos) throws Exception {
        long span = (long) (plan.seconds() * 0.8 * 1e9);
        int sent = 0;
        while (sent < items.size()) {
            long due = startNanos + span * (sent + 1) / items.size();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Math.min(200, wait / 1_000_000));
                if (wait > 200_000_000) {
                    continue;
                }
            }
            // everything due by now, in one tick
            int upTo = sent;
            long now = System.nanoTime();
            while (upTo < items.size() && startNanos + span * (upTo + 1) / items.size() <= now + 200_000_000) {
                upTo++;
            }
            upTo = Math.max(upTo, sent + 1);
            List<String[]> kafka = new ArrayList<>();
            List<String> http = new ArrayList<>();
            for (int i = sent; i < upTo; i++) {
                if (i % 3 == 2) {
                    http.add(items.get(i)[1]);
                } else {
                    kafka.add(items.get(i));
                }
            }
            sendToKafka("crm.activity", kafka);
            if (!http.isEmpty()) {
                gateway.post("/api/crm/activity", integration, "[" + String.join(",", http) + "]", 202);
            }
            recordsIn.addAndGet(upTo - sent);
            sent = upTo;
        }
    }

    /** Sends every record again over Kafka: the way a CRM resends after an outage. */
    void replayInbound(List<String[]> items) throws Exception {
        for (int i = 0; i < items.size(); i += 500) {
            sendToKafka("crm.activity", items.subList(i, Math.min(items.size(), i + 500)));
        }
        recordsIn.addAndGet(items.size());
    }

    /** Sends and waits for the broker's acknowledgement; while the broker is away, tries again every second. */
    void sendToKafka(String topic, List<String[]> keyed) throws InterruptedException {
        if (keyed.isEmpty()) {
            return;
        }
        while (true) {
            try {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (String[] kv : keyed) {
                    sent.add(producer.send(new ProducerRecord<>(topic, kv[0], kv[1].getBytes(StandardCharsets.UTF_8))));
                }
                producer.flush();
                for (Future<RecordMetadata> f : sent) {
                    f.get(60, TimeUnit.SECONDS);
                }
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception brokerAway) {
                Thread.sleep(1_000);
            }
        }
    }

    /**
     * The commands, one every five seconds in a fixed order (revise a live goal, a weekly plan, a DAY goal), and at half
     * time fifty revisions of one goal at once. A step that meets a fault is repeated until it goes through.
     */
    void runCommands(long startNanos) throws Exception {
        int steps = plan.seconds() / 5 - 2;
        int concurrentAt = steps / 2;
        for (int step = 0; step < steps; step++) {
            long due = startNanos + step * 5_000_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            if (step == concurrentAt) {
                fiftyAtOnce();
            }
            String rep = reps.get((step / 3) % reps.size());
            switch (step % 3) {
                case 0 -> revise(rep, "payment_collection", String.valueOf(1_000_000 + 10_000 * (step + 1)));
                case 1 -> weeklyPlan(rep, Plan.week(plan.lastMonday().minusWeeks(2 + step / 24)));
                default -> goal(token(rep, "EMPLOYEE"), rep, "DAY", plan.lastMonday().plusDays(step % 6).toString(), "day step " + step,
                        target("payment_collection", "10000", "CNY"));
            }
        }
    }

    /** Revises a goal's target to {@code value}, unless it already is (a repeat after a lost answer). */
    private void revise(String rep, String metric, String value) throws Exception {
        String goalId = liveGoal.get(rep);
        String lead = token(leadOf.get(rep), "SUPERVISOR");
        while (true) {
            JsonNode goal = gateway.get("/api/goals/" + goalId, lead, 200).body();
            if (value.equals(goal.at("/numericTargets/0/target").asText())) {
                return;
            }
            Gateway.Reply reply = gateway.put("/api/goals/" + goalId, lead, """
                    {"numericTargets":[%s],"reason":"replanned"}""".formatted(target(metric, value, "CNY")),
                    "\"" + goal.path("version").asText() + "\"", 200, 409);
            if (reply.status() == 200) {
                return;
            }
            Thread.sleep(500); // a stale version: the projection catches up, then the target is looked at again
        }
    }

    private void weeklyPlan(String rep, String week) throws Exception {
        String owner = token(rep, "EMPLOYEE");
        Gateway.Reply draft = gateway.post("/api/reports", owner, """
                {"templateId":"channel-manager-weekly","ownerId":"%s","periodKey":"%s"}""".formatted(rep, week), 201, 409);
        String reportId;
        if (draft.status() == 201) {
            reportId = draft.text("reportId");
        } else {
            reportId = null;
            long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (reportId == null && System.nanoTime() < until) {
                JsonNode list = gateway.get("/api/reports?ownerId=" + rep + "&periodKey=" + week, owner, 200).body();
                reportId = list.path("items").size() > 0 ? list.at("/items/0/reportId").asText(null) : null;
                if (reportId == null) {
                    Thread.sleep(500);
                }
            }
            if (reportId == null) {
                problems.add("the weekly plan of " + rep + " for " + week + " was claimed but never showed");
                return;
            }
        }
        gateway.put("/api/reports/" + reportId, owner, """
                {"fields":{"assessment_task":"300000","agent_contract_task":"400000","this_week_collection_plan":"60000",
                 "this_week_work_plan":"visit the agents",
                 "daily_schedule":{"MONDAY":[{"title":"visit the agent","kind":"VISIT","customerId":"C-%s-001"}],
                                   "TUESDAY":[{"title":"reconcile receivables","kind":"ROUTINE"}]}}}""".formatted(rep.substring(2)),
                null, 204, 409, 404);
        gateway.post("/api/reports/" + reportId + "/submit", owner, "", 204, 409, 404);
    }

    /** Fifty revisions of one goal from the same version at once: one goes through, forty-nine are told 409. */
    private void fiftyAtOnce() throws Exception {
        String rep = reps.get(0);
        String goalId = liveGoal.get(rep);
        String lead = token(leadOf.get(rep), "SUPERVISOR");
        JsonNode goal = gateway.get("/api/goals/" + goalId, lead, 200).body();
        String version = "\"" + goal.path("version").asText() + "\"";
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> gateway.once("PUT", "/api/goals/" + goalId, lead, """
                        {"numericTargets":[%s],"reason":"fifty at once"}""".formatted(target("payment_collection", "2500000", "CNY")),
                        version).status()));
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                (status == 200 ? concurrentWins : status == 409 ? concurrentConflicts : concurrentOther).incrementAndGet();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A probe payment of 1.00 every ten seconds, and a minute beyond the load to time the last recovery; each is watched
     * until the probe's progress shows it. Without faults there is no recovery to time: the probes beyond the load go at
     * once (the same records, so the runs compare, a minute sooner).
     */
    void runProbes(long startNanos, boolean timingRecoveries) throws Exception {
        for (int k = 0; k < plan.seconds() / 10 + 6; k++) {
            long second = timingRecoveries ? k * 10L : Math.min(k * 10L, plan.seconds());
            long due = startNanos + second * 1_000_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            long[] times = {System.nanoTime(), -1};
            probes.put(k, times);
            String id = "fs-probe-" + k;
            String time = ZonedDateTime.of(plan.lastMonday().atTime(9, 0).plusSeconds(k), SHANGHAI).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            sendToKafka("crm.activity", List.<String[]>of(new String[]{PROBE, """
                    {"specversion":"1.0","id":"%s","source":"urn:acme:fault-suite","type":"crm.payment.received","time":"%s",\
                    "datacontenttype":"application/json","data":{"paymentId":"%s","customerId":"C-probe","ownerId":"%s","amount":"1.00","currency":"CNY"}}"""
                    .formatted(id, time, id, PROBE)}));
        }
    }

    /** Watches the probe's total and notes when each probe showed (the total reached its count). */
    void watchProbes(long untilNanos) throws Exception {
        String owner = token(PROBE, "EMPLOYEE");
        while (System.nanoTime() < untilNanos) {
            try {
                Gateway.Reply reply = gateway.once("GET", "/api/progress/goals/" + liveGoal.get(PROBE), owner, null, null);
                if (reply.status() == 200) {
                    int seen = new BigDecimal(reply.body().at("/metrics/0/actual").asText("0")).intValue();
                    long now = System.nanoTime();
                    for (int k = 0; k < seen; k++) {
                        long[] times = probes.get(k);
                        if (times != null && times[1] < 0) {
                            times[1] = now;
                        }
                    }
                }
            } catch (Exception down) {
                // the gateway or scoring is away: asked again
            }
            Thread.sleep(500);
        }
    }

    /** Every rep's last week scored by their lead, after the load has drained (the parts are read at that moment). */
    void scoreWeeks() throws Exception {
        for (int i = 0; i < reps.size(); i++) {
            String rep = reps.get(i);
            gateway.post("/api/scores/weeks/" + rep + "/" + plan.lastWeek(), token(leadOf.get(rep), "SUPERVISOR"),
                    "{\"behaviorRating\":" + (60 + 4 * i) + ",\"comment\":\"fault suite\"}", 201);
        }
    }

    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
