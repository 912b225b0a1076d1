package com.acme.goals.team.activity;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.MetricDelta;
import com.acme.goals.contracts.period.Period;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ledger gives back is what was recorded, field for field, in the compact form and in the older one. */
class ActivityLedgerEntriesTest {

    @Test
    void aTotalsKeyReadsBackAsItsMetricAndUnitAndANullUnitAsNull() {
        assertThat(ActivityLedger.Delta.ofTotal("payment_collection|CNY", new java.math.BigDecimal("80000.00")))
                .isEqualTo(new ActivityLedger.Delta("payment_collection", "80000.00", "CNY"));
        assertThat(ActivityLedger.Delta.ofTotal("visits|null", java.math.BigDecimal.valueOf(3)))
                .isEqualTo(new ActivityLedger.Delta("visits", "3", null));
    }

    /** Last week, from the clock: the ledger keeps any day, and the test holds on every day it runs. */
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusWeeks(1);
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;
    private ActivityLedger ledger;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        db = client.getDatabase("ledger-test");
        ledger = new ActivityLedger(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static ActivityRecorded activity(String id, String customerId, String subject, List<MetricDelta> deltas) {
        return activity("E-042", id, customerId, subject, deltas);
    }

    private static ActivityRecorded activity(String ownerId, String id, String customerId, String subject, List<MetricDelta> deltas) {
        Instant at = DAY.atTime(9, 59, 30).toInstant(ZoneOffset.ofHours(8));
        return new ActivityRecorded(id, "urn:crm", "in-" + id, "crm.payment.received", ownerId, customerId, "payment/" + id,
                at, "Asia/Shanghai", DAY, Period.weekOf(DAY).key(), java.time.YearMonth.from(DAY).toString(), deltas, null, "paymentId", id, subject);
    }

    @Test
    void every_field_comes_back_as_recorded_nulls_quotes_and_chinese_included() {
        ActivityRecorded full = activity("P-17", "C-1", "回款 \"第二期\" \\ 50%",
                List.of(new MetricDelta("payment_collection", new BigDecimal("12000.50"), "CNY"),
                        new MetricDelta("payment_count", BigDecimal.ONE, null)));
        ActivityRecorded bare = activity("P-18", null, null, List.of());
        ledger.record(List.of(full, bare));

        List<ActivityLedger.Entry> entries = ledger.entries("E-042", DAY, DAY);

        assertThat(entries).extracting(ActivityLedger.Entry::activityId).containsExactlyInAnyOrder("P-17", "P-18");
        ActivityLedger.Entry p17 = entries.stream().filter(e -> e.activityId().equals("P-17")).findFirst().orElseThrow();
        assertThat(p17).isEqualTo(new ActivityLedger.Entry("P-17", "crm.payment.received", "payment/P-17", "paymentId", "P-17",
                "回款 \"第二期\" \\ 50%", "C-1", DAY, full.occurredAt().toString(),
                List.of(new ActivityLedger.Delta("payment_collection", "12000.50", "CNY"), new ActivityLedger.Delta("payment_count", "1", null))));
        ActivityLedger.Entry p18 = entries.stream().filter(e -> e.activityId().equals("P-18")).findFirst().orElseThrow();
        assertThat(p18.customerId()).isNull();
        assertThat(p18.subject()).isNull();
        assertThat(p18.deltas()).isEmpty();
        assertThat(ledger.totals("E-042", DAY, DAY)).containsOnlyKeys("payment_collection|CNY", "payment_count|null");
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("12000.50");
        assertThat(ledger.totalsByOwner(List.of("E-042", "E-099"), DAY.minusDays(1), DAY))
                .containsEntry("E-099", java.util.Map.of()).extractingByKey("E-042").isEqualTo(ledger.totals("E-042", DAY, DAY));
    }

    @Test
    void the_same_activity_in_two_batches_counts_once() {
        ActivityRecorded p = activity("P-17", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("100.00"), "CNY")));
        ledger.record(List.of(p, p));
        ledger.record(List.of(p));

        assertThat(ledger.totals("E-042", DAY, DAY)).containsOnlyKeys("payment_collection|CNY");
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("100.00");
    }

    @Test
    void an_entry_kept_as_a_sub_document_by_an_earlier_version_is_still_read() {
        ledger.record(List.of(activity("P-17", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("100.00"), "CNY")))));
        String older = ActivityLedger.legacyBucketId("E-042", DAY, "P-16");
        db.getCollection(ActivityLedger.LEGACY_COLLECTION).updateOne(new Document("_id", older), new Document("$set", new Document("activities.P-16",
                        new Document("type", "crm.payment.received").append("ref", "payment/P-16").append("idField", null)
                                .append("recordId", null).append("subject", null).append("customerId", "C-1")
                                .append("at", DAY.atTime(1, 0).toInstant(ZoneOffset.UTC).toString()).append("deltas", List.of(new Document("metric", "payment_collection")
                                        .append("amount", "50.00").append("unit", "CNY")))))
                        .append("$setOnInsert", new Document("ownerId", "E-042").append("day", DAY.toString())),
                new com.mongodb.client.model.UpdateOptions().upsert(true));

        assertThat(ledger.entries("E-042", DAY, DAY)).extracting(ActivityLedger.Entry::activityId).containsExactly("P-16", "P-17");
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("150.00");
    }

    @Test
    void a_busy_day_over_many_batches_adds_up_to_every_activity_once() {
        List<ActivityRecorded> all = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            all.add(activity("P-" + i, "C-" + (i % 7), null, List.of(new MetricDelta("payment_collection", new BigDecimal("1.01"), "CNY"))));
        }
        for (int from = 0; from < all.size(); from += 250) {
            ledger.record(all.subList(from, Math.min(all.size(), from + 400))); // batches overlap: re-deliveries
        }

        assertThat(ledger.entries("E-042", DAY.minusDays(3), DAY.plusDays(3))).hasSize(3_000);
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("3030.00");
        assertThat(ledger.totals("E-042", DAY.plusDays(1), DAY.plusDays(7))).isEmpty();
    }

    @Test
    void a_day_filled_one_activity_at_a_time_names_every_chunk_it_opened_and_no_more_each_full_chunk_one_string() {
        int recorded = 3 * ActivityLedger.CHUNK_CAPACITY + ActivityLedger.CHUNK_CAPACITY - 1;
        for (int i = 0; i < recorded; i++) {
            ledger.record(List.of(activity("P-" + i, "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.ONE, "CNY")))));
        }

        Document directory = db.getCollection(ActivityLedger.COLLECTION).find(new Document("_id", "E-042|" + DAY)).first();
        List<String> named = directory.getList("named", String.class);
        assertThat(named).as("three full chunks and one more").hasSize(4).doesNotHaveDuplicates();
        List<Document> chunks = db.getCollection(ActivityLedger.COLLECTION).find(new Document("_id", new Document("$in", named)))
                .into(new java.util.ArrayList<>());
        assertThat(chunks).filteredOn(chunk -> chunk.get("entries") instanceof String).as("full: one string, no parts")
                .hasSize(3).allSatisfy(chunk -> assertThat(chunk.get("parts")).isNull());
        assertThat(chunks).filteredOn(chunk -> chunk.get("entries") == null).singleElement().as("open: a part per write")
                .satisfies(chunk -> assertThat(chunk.get("parts", Document.class)).hasSize(ActivityLedger.CHUNK_CAPACITY - 1));
        ActivityLedger reader = new ActivityLedger(db);
        assertThat(reader.entries("E-042", DAY, DAY)).extracting(ActivityLedger.Entry::activityId).hasSize(recorded)
                .contains("P-0", "P-" + (recorded - 1)).doesNotHaveDuplicates();
        assertThat(reader.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo(String.valueOf(recorded));
    }

    @Test
    void an_open_chunks_parts_are_read_in_the_order_written_whatever_order_the_store_gives_them() {
        ActivityRecorded p1 = activity("P-1", "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.ONE, "CNY")));
        ActivityRecorded p2 = activity("P-2", "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.TEN, "CNY")));
        Document chunk = new Document("parts", new Document("p10", ActivityLedger.entry(p2)).append("p2", ActivityLedger.entry(p1)));

        assertThat(ActivityLedger.text(chunk)).isEqualTo("[" + ActivityLedger.entry(p1) + "," + ActivityLedger.entry(p2) + "]");
        assertThat(ActivityLedger.text(new Document("entries", "[]").append("parts", chunk.get("parts")))).as("a full chunk's own text")
                .isEqualTo("[]");
        assertThat(ActivityLedger.text(new Document("activities", new Document()))).isNull();
    }

    @Test
    void chunks_an_earlier_version_counted_and_filled_field_by_field_are_read_beside_this_versions_once_each() {
        ActivityRecorded p16 = activity("P-16", "C-1", "前", List.of(new MetricDelta("payment_collection", new BigDecimal("50.00"), "CNY")));
        ActivityRecorded p17 = activity("P-17", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("100.00"), "CNY")));
        var collection = db.getCollection(ActivityLedger.COLLECTION);
        collection.insertOne(new Document("_id", "E-042|" + DAY).append("chunks", 1).append("ownerId", "E-042").append("day", DAY.toString()));
        collection.insertOne(new Document("_id", "E-042|" + DAY + "|0").append("ownerId", "E-042").append("day", DAY.toString())
                .append("activities", new Document("P-16", ActivityLedger.encode(p16)).append("P-17", ActivityLedger.encode(p17))));

        ledger.record(List.of(p17, activity("P-18", "C-2", null, List.of(new MetricDelta("payment_collection", new BigDecimal("1.50"), "CNY")))));

        assertThat(ledger.entries("E-042", DAY, DAY)).extracting(ActivityLedger.Entry::activityId).containsExactlyInAnyOrder("P-16", "P-17", "P-18");
        assertThat(ledger.entries("E-042", DAY, DAY)).filteredOn(e -> e.activityId().equals("P-16")).singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo("前"));
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("151.50");
    }

    @Test
    void an_activity_kept_by_an_earlier_version_and_delivered_again_after_the_upgrade_counts_once() {
        ActivityRecorded p = activity("P-17", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("100.00"), "CNY")));
        db.getCollection(ActivityLedger.LEGACY_COLLECTION).updateOne(new Document("_id", ActivityLedger.legacyBucketId("E-042", DAY, "P-17")),
                new Document("$set", new Document("activities.P-17", ActivityLedger.encode(p)))
                        .append("$setOnInsert", new Document("ownerId", "E-042").append("day", DAY.toString())),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
        ActivityLedger upgraded = new ActivityLedger(db);
        upgraded.record(List.of(p));

        assertThat(upgraded.entries("E-042", DAY, DAY)).hasSize(1);
        assertThat(upgraded.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("100.00");
    }

    @Test
    void a_day_past_one_chunk_and_emptied_by_a_rebuild_behind_the_writer_reads_what_is_recorded_after() {
        List<ActivityRecorded> before = new java.util.ArrayList<>();
        for (int i = 0; i < ActivityLedger.CHUNK_CAPACITY + 10; i++) {
            before.add(activity("P-" + i, "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.ONE, "CNY"))));
        }
        ledger.record(before);
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo(String.valueOf(before.size()));

        db.getCollection(ActivityLedger.COLLECTION).deleteMany(new Document()); // what a rebuild does first,
        ledger.forget();                                                        // and then tells the writer
        ledger.record(List.of(activity("P-after", "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.TEN, "CNY")))));

        assertThat(ledger.entries("E-042", DAY, DAY)).extracting(ActivityLedger.Entry::activityId).containsExactly("P-after");
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("10");
    }

    @Test
    void a_second_writer_that_does_not_know_the_first_ones_chunks_adds_to_the_same_day_without_losing_any() {
        ActivityLedger other = new ActivityLedger(db);
        for (int i = 0; i < 200; i++) {
            (i % 3 == 0 ? other : ledger).record(List.of(
                    activity("P-" + i, "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.ONE, "CNY")))));
        }
        assertThat(new ActivityLedger(db).totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("200");
    }

    @Test
    void while_a_days_write_is_in_flight_another_day_is_written_and_the_same_day_waits_for_it() throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        ActivityLedger slow = new ActivityLedger(holdingFirstWrite(db, held, release, writes));
        java.util.function.Function<String, List<ActivityRecorded>> payment = id -> List.of(activity(id.startsWith("Q") ? "E-043" : "E-042",
                id, "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.ONE, "CNY"))));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = threads.submit(() -> slow.record(payment.apply("P-1")));
            assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first write reached the store").isTrue();

            slow.record(payment.apply("Q-1")); // another owner's day: not held up by the write in flight
            var sameDay = threads.submit(() -> slow.record(payment.apply("P-2")));
            Thread.sleep(300);
            assertThat(sameDay).as("the same day waits for the write in flight").isNotDone();
            assertThat(writes).hasValue(2);

            release.countDown();
            first.get(10, java.util.concurrent.TimeUnit.SECONDS);
            sameDay.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        ActivityLedger reader = new ActivityLedger(db);
        assertThat(reader.entries("E-042", DAY, DAY)).extracting(ActivityLedger.Entry::activityId).containsExactly("P-1", "P-2");
        assertThat(reader.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("2");
        assertThat(reader.totals("E-043", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("1");
    }

    /** The database, whose ledger collection holds its first bulk write until {@code release}, counting every one. */
    @SuppressWarnings("unchecked")
    private static MongoDatabase holdingFirstWrite(MongoDatabase db, java.util.concurrent.CountDownLatch held,
                                                   java.util.concurrent.CountDownLatch release, java.util.concurrent.atomic.AtomicInteger writes) {
        com.mongodb.client.MongoCollection<Document> collection = forwarding(com.mongodb.client.MongoCollection.class,
                db.getCollection(ActivityLedger.COLLECTION), (method, args) -> {
                    if (method.getName().equals("bulkWrite") && writes.incrementAndGet() == 1) {
                        held.countDown();
                        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    return null;
                });
        return forwarding(MongoDatabase.class, db, (method, args) ->
                method.getName().equals("getCollection") && ActivityLedger.COLLECTION.equals(args[0]) ? collection : null);
    }

    /** What a {@link #forwarding} proxy does before a call: an answer of its own, or null to pass the call on. */
    @FunctionalInterface
    private interface BeforeCall {
        Object answer(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    /** {@code target} behind a proxy of {@code type} that lets {@code before} answer a call first. */
    @SuppressWarnings("unchecked")
    private static <T> T forwarding(Class<T> type, T target, BeforeCall before) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(ActivityLedgerEntriesTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object answer = before.answer(method, args);
                    if (answer != null) {
                        return answer;
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void a_days_totals_come_from_its_chunks_sums_where_no_activity_repeats_and_from_every_activity_where_one_does() {
        LocalDate next = DAY.plusDays(1);
        java.util.Random random = new java.util.Random(18);
        List<ActivityRecorded> quiet = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) { // several chunks, batches of every size, two metrics, a null unit
            quiet.add(activity("Q-" + i, "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal(random.nextInt(10_000) + ".25"), "CNY"),
                    new MetricDelta("visits", BigDecimal.ONE, null))));
        }
        for (int from = 0; from < quiet.size(); ) {
            int to = Math.min(quiet.size(), from + 1 + random.nextInt(9));
            ledger.record(quiet.subList(from, to));
            from = to;
        }
        BigDecimal collected = quiet.stream().map(a -> a.deltas().get(0).amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        ActivityRecorded later = new ActivityRecorded("R-2", "urn:crm", "in-R-2", "crm.payment.received", "E-042", "C-1", "payment/R-2",
                quiet.get(0).occurredAt().plusSeconds(86_400), "Asia/Shanghai", next, Period.weekOf(next).key(), java.time.YearMonth.from(next).toString(),
                List.of(new MetricDelta("payment_collection", new BigDecimal("3.00"), "CNY")), null, "paymentId", "R-2", null);
        ledger.record(List.of(later));
        ledger.record(List.of(later)); // delivered again: twice in the next day's chunk

        // the first day's text made unreadable: only its sums can give its totals now
        var collection = db.getCollection(ActivityLedger.COLLECTION);
        collection.updateMany(new Document("ownerId", "E-042").append("day", DAY.toString()), new Document("$set", new Document("entries", "[not json")));
        assertThat(ledger.totals("E-042", DAY, next)).containsOnlyKeys("payment_collection|CNY", "visits|null");
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo(collected);
        assertThat(ledger.totals("E-042", DAY, DAY).get("visits|null")).isEqualByComparingTo("40");
        assertThat(ledger.totals("E-042", next, next).get("payment_collection|CNY")).as("the repeat counted once").isEqualByComparingTo("3.00");
        assertThat(ledger.totals("E-042", DAY, next).get("payment_collection|CNY")).isEqualByComparingTo(collected.add(new BigDecimal("3.00")));
    }

    @Test
    void a_chunk_that_took_an_activity_its_sums_cannot_hold_drops_them_and_its_day_is_read_activity_by_activity() {
        ledger.record(List.of(activity("P-1", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("10.00"), "CNY")))));
        ledger.record(List.of(activity("P,2", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("5.00"), "CNY"))),
                activity("P-3", "C-1", null, List.of(new MetricDelta("odd;metric", new BigDecimal("1"), "CNY")))));

        Document chunk = db.getCollection(ActivityLedger.COLLECTION).find(new Document("ownerId", "E-042").append("named", new Document("$exists", false))).first();
        assertThat(chunk.get("hashes")).as("the sums of P-1 and P,2 alone would be stale").isNull();
        assertThat(chunk.get("sums")).isNull();
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("15.00");
        assertThat(ledger.totals("E-042", DAY, DAY).get("odd;metric|CNY")).isEqualByComparingTo("1");
    }

    @ParameterizedTest
    @ValueSource(longs = {0x8e844519f4c5f475L, 0L}) // P-1's, and the one the table keeps aside
    void a_day_where_a_hash_repeats_is_read_activity_by_activity_by_id(long hash) {
        ledger.record(List.of(activity("P-1", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("10.00"), "CNY"))),
                activity("P-2", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("5.00"), "CNY")))));
        // no two short ids are known to share a 64-bit hash, so the chunk is given one hash twice, as such a pair would
        // leave it, and sums that would show if they were used
        ByteBuffer alike = ByteBuffer.allocate(16).putLong(hash).putLong(hash);
        db.getCollection(ActivityLedger.COLLECTION).updateOne(new Document("ownerId", "E-042").append("sums", new Document("$exists", true)),
                new Document("$set", new Document("hashes", new Binary(alike.array())).append("sums", "payment_collection|CNY=999")));

        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).as("both, read by id").isEqualByComparingTo("15.00");
    }

    @Test
    void chunks_that_kept_their_ids_as_text_are_summed_and_an_activity_in_one_and_delivered_again_counts_once() {
        var collection = db.getCollection(ActivityLedger.COLLECTION);
        ActivityRecorded p1 = activity("P-1", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("10.00"), "CNY")));
        ActivityRecorded p2 = activity("P-2", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("5.00"), "CNY")));
        // as versions before the hashes wrote a chunk, the ids joined by commas; its text unreadable at first, so
        // only its sums can give the total
        String old = "E-042|" + DAY + "|old.0";
        collection.insertOne(new Document("_id", "E-042|" + DAY).append("named", List.of(old)).append("ownerId", "E-042").append("day", DAY.toString()));
        collection.insertOne(new Document("_id", old).append("ownerId", "E-042").append("day", DAY.toString())
                .append("entries", "[not json").append("ids", "P-1,P-2").append("sums", "payment_collection|CNY=15.00"));
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("15.00");

        collection.updateOne(new Document("_id", old), new Document("$set", new Document("entries", "[" + ActivityLedger.entry(p1) + "," + ActivityLedger.entry(p2) + "]")));
        ledger.record(List.of(p2, activity("P-3", "C-1", null, List.of(new MetricDelta("payment_collection", new BigDecimal("1.50"), "CNY")))));

        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).as("P-2 in both chunks, once").isEqualByComparingTo("16.50");
    }

    @Test
    void a_full_chunk_whose_sums_the_totals_remember_still_catches_its_activity_delivered_again_into_a_later_chunk() {
        List<ActivityRecorded> full = new java.util.ArrayList<>();
        for (int i = 0; i < ActivityLedger.CHUNK_CAPACITY; i++) {
            full.add(activity("P-" + i, "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.ONE, "CNY"))));
        }
        ledger.record(full);
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).isEqualByComparingTo("16");
        // the store's copy of the full chunk's sums made wrong: from here on only the remembered ones give 16
        db.getCollection(ActivityLedger.COLLECTION).updateMany(new Document("ownerId", "E-042").append("sums", new Document("$exists", true)),
                new Document("$set", new Document("sums", "payment_collection|CNY=999")));
        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).as("remembered").isEqualByComparingTo("16");

        new ActivityLedger(db).record(List.of(full.get(3), activity("P-new", "C-1", null, List.of(new MetricDelta("payment_collection", BigDecimal.TEN, "CNY")))));

        assertThat(ledger.totals("E-042", DAY, DAY).get("payment_collection|CNY")).as("P-3 once, read by id").isEqualByComparingTo("26");
    }

    @Test
    void an_ids_hash_is_the_one_earlier_versions_stored() {
        // stored hashes are compared with those of later writes: a different function would count a re-delivery twice
        assertThat(ActivityLedger.idHash("P-1")).isEqualTo(0x8e844519f4c5f475L);
        assertThat(ActivityLedger.idHash("")).isEqualTo(0xcbf29ce484222325L);
    }
}
