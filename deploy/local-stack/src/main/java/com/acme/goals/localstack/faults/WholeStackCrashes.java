package com.acme.goals.localstack.faults;

import com.acme.goals.localstack.DevTokens;
import com.acme.goals.localstack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code deploy/run-local.sh faults crashes [--kills=20]}: the whole stack ({@code --persist}) killed at once, again and
 * again, at random moments of a payment stream. After each restart the CRM sends again what was in flight when the
 * stack died (the whole chunk of the cut stream), then goes on; at the end, once the backlog is worked off, each owner's
 * total must be the sum of the payments, once each. Prints what each crash cut off.
 */
public final class WholeStackCrashes {

    private static final String SECRET = "whole-stack-crashes-secret-0123456789-abcdef";

    private WholeStackCrashes() {
    }

    public static void main(Path home, String[] args) throws Exception {
        int kills = 20;
        int perCycle = 600;
        for (String arg : args) {
            if (arg.startsWith("--kills=")) {
                kills = Integer.parseInt(arg.substring(8));
            } else if (arg.startsWith("--payments=")) {
                perCycle = Integer.parseInt(arg.substring(11));
            }
        }
        int lost = run(home, kills, perCycle);
        System.exit(lost == 0 ? 0 : 1);
    }

    /** @return owners whose total differs from the payments sent */
    public static int run(Path home, int kills, int perCycle) throws Exception {
        Path data = Files.createTempDirectory("goals-crashes-");
        DevTokens tokens = new DevTokens(SECRET);
        String admin = tokens.token("E-admin", Duration.ofHours(6), "ADMIN");
        int gatewayPort = LocalStack.freePort();
        LocalDate monday = LocalDate.now(Workload.SHANGHAI).minusWeeks(1).with(java.time.DayOfWeek.MONDAY);
        String week = Workload.Plan.week(monday);
        List<String> owners = new ArrayList<>();
        List<String> goals = new ArrayList<>();
        List<String[]> sent = new ArrayList<>();
        List<String[]> inFlight = List.of();
        Map<String, BigDecimal> expected = new HashMap<>();
        Random random = new Random(11);
        long started = System.nanoTime();
        try {
            for (int cycle = 0; cycle <= kills; cycle++) {
                try (Launcher stack = Launcher.start(home, data, gatewayPort, SECRET)) {
                    Gateway api = new Gateway(stack.gatewayUrl());
                    if (cycle == 0) {
                        for (int o = 0; o < 10; o++) {
                            String owner = "WC-E" + o;
                            api.post("/api/org/employees", admin, """
                                    {"employeeId":"%s","name":"rep","role":"SALES_REP","timeZone":"Asia/Shanghai"}""".formatted(owner), 201, 409);
                            owners.add(owner);
                            goals.add(api.post("/api/goals", admin, """
                                    {"ownerId":"%s","periodType":"WEEK","periodKey":"%s","title":"crashes",
                                     "numericTargets":[{"metric":"payment_collection","target":"1000000000","unit":"CNY"}]}"""
                                    .formatted(owner, week), 201).text("goalId"));
                        }
                        Thread.sleep(3_000); // the set-up reaches the store's file before the first cut
                    }
                    try (KafkaProducer<String, byte[]> producer = producer(stack.kafka())) {
                        send(producer, inFlight); // the CRM sends again what was in flight when the stack died
                        if (cycle == kills) {
                            break;
                        }
                        List<String[]> next = new ArrayList<>();
                        for (int i = 0; i < perCycle; i++) {
                            int n = sent.size() + i;
                            String owner = owners.get(n % owners.size());
                            String amount = BigDecimal.valueOf(100 + random.nextInt(1_000_000), 2).toPlainString();
                            String time = ZonedDateTime.of(monday.plusDays(n % 7).atTime(9, 0).plusSeconds(n % 30_000), Workload.SHANGHAI)
                                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                            next.add(new String[]{owner, """
                                    {"specversion":"1.0","id":"wc-%d","source":"urn:acme:crashes","type":"crm.payment.received","time":"%s",\
                                    "datacontenttype":"application/json","data":{"paymentId":"wc-%d","customerId":"C-1","ownerId":"%s","amount":"%s","currency":"CNY"}}"""
                                    .formatted(n, time, n, owner, amount)});
                            expected.merge(owner, new BigDecimal(amount), BigDecimal::add);
                        }
                        sent.addAll(next);
                        inFlight = next;
                        long cutAfter = 500 + random.nextInt(5_000);
                        long streamStart = System.nanoTime();
                        for (int i = 0; i < next.size() && (System.nanoTime() - streamStart) / 1_000_000 < cutAfter; i += 50) {
                            send(producer, next.subList(i, Math.min(next.size(), i + 50)));
                            Thread.sleep(50);
                        }
                        long wait = cutAfter - (System.nanoTime() - streamStart) / 1_000_000;
                        if (wait > 0) {
                            Thread.sleep(wait);
                        }
                        System.out.printf("crash %2d/%d: everything killed %.1f s into a stream of %d payments (%d sent so far)%n",
                                cycle + 1, kills, cutAfter / 1000.0, perCycle, sent.size());
                        stack.killEverything();
                        producer.close(Duration.ZERO); // what it still holds is resent after the restart
                    }
                }
            }
            // after the last restart (and the resend): wait until crm-link and scoring have finished every record on their
            // topics, then every owner's total must be whole; a file-backed store works through a backlog slowly
            try (Launcher stack = Launcher.start(home, data, gatewayPort, SECRET)) {
                Gateway api = new Gateway(stack.gatewayUrl());
                try (KafkaProducer<String, byte[]> producer = producer(stack.kafka())) {
                    send(producer, inFlight);
                }
                long drained = System.nanoTime();
                try (Admin kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka()))) {
                    while (System.nanoTime() - drained < Duration.ofMinutes(30).toNanos()
                            && (behind(kafkaAdmin, "crm-link-service", "crm.activity") > 0 || behind(kafkaAdmin, "scoring-service.activity", "crm.events") > 0)) {
                        Thread.sleep(2_000);
                    }
                }
                System.out.printf("the backlog drained %.0f s after the last restart%n", (System.nanoTime() - drained) / 1e9);
                int differing = owners.size();
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                List<String> report = new ArrayList<>();
                while (differing > 0 && System.nanoTime() < deadline) {
                    report.clear();
                    differing = 0;
                    for (int o = 0; o < owners.size(); o++) {
                        String actual = api.get("/api/progress/goals/" + goals.get(o), admin, 200).body().at("/metrics/0/actual").asText("0");
                        BigDecimal want = expected.getOrDefault(owners.get(o), BigDecimal.ZERO);
                        if (new BigDecimal(actual).compareTo(want) != 0) {
                            differing++;
                            report.add(owners.get(o) + ": " + actual + " instead of " + want);
                        }
                    }
                    if (differing > 0) {
                        Thread.sleep(3_000);
                    }
                }
                System.out.printf("%nwhole-stack crashes: %d kills, %d payments sent (those in flight sent again after each restart), %d owners; "
                                + "owners whose total differs from the payments: %d (%.0f s in all)%n", kills, sent.size(), owners.size(),
                        differing, (System.nanoTime() - started) / 1e9);
                report.forEach(r -> System.out.println("  " + r));
                return differing;
            }
        } finally {
            com.acme.goals.localstack.LocalStack.deleteTree(data);
        }
    }

    /** Records on the topic the group has not committed yet. */
    private static long behind(Admin admin, String group, String topic) throws Exception {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
        long behind = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            var at = committed.get(end.getKey());
            behind += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return behind;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<String[]> records) throws Exception {
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (String[] r : records) {
            futures.add(producer.send(new ProducerRecord<>("crm.activity", r[0], r[1].getBytes(StandardCharsets.UTF_8))));
        }
        producer.flush();
        for (var f : futures) {
            f.get();
        }
    }
}
