package com.acme.goals.team.org;

import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OrgChartTest {

    private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOV = Instant.parse("2026-11-15T00:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private OrgChart chart;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        chart = new OrgChart(client.getDatabase("org-test"));
        chart.apply(new EmployeeRegistered("E-001", "n", "DIRECTOR", null, "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new EmployeeRegistered("E-100", "n", "LEAD", "E-001", "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new EmployeeRegistered("E-200", "n", "LEAD", "E-001", "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new EmployeeRegistered("E-042", "n", "REP", "E-100", "Asia/Shanghai", "a", OCT), 0);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void who_reported_to_whom_on_any_date_stays_answerable_after_a_move() {
        chart.apply(new ReportingLineChanged("E-042", "E-100", "E-200", "a", NOV), 1);
        assertThat(chart.chainAbove("E-042")).containsExactly("E-200", "E-001");
        assertThat(chart.chainAbove("E-042", Instant.parse("2026-11-01T00:00:00Z"))).containsExactly("E-100", "E-001");
        assertThat(chart.isAbove("E-100", "E-042")).isFalse();
        assertThat(chart.directReports("E-200")).containsExactly("E-042");
    }

    @Test
    void a_supervisor_who_led_the_employee_during_a_period_stays_above_for_that_period_only() {
        chart.apply(new ReportingLineChanged("E-042", "E-100", "E-200", "a", NOV), 1);
        Instant w44 = Instant.parse("2026-10-26T00:00:00Z");
        Instant w47 = Instant.parse("2026-11-16T00:00:00Z");
        assertThat(chart.wasAboveDuring("E-100", "E-042", w44, w44.plusSeconds(7 * 86400))).isTrue();
        assertThat(chart.wasAboveDuring("E-100", "E-042", w47, w47.plusSeconds(7 * 86400))).isFalse();
        assertThat(chart.wasAboveDuring("E-200", "E-042", w44, w44.plusSeconds(7 * 86400))).isFalse();
        // the week of the move (W46, Nov 9-16): both led part of it
        Instant w46 = Instant.parse("2026-11-09T00:00:00Z");
        assertThat(chart.wasAboveDuring("E-100", "E-042", w46, w46.plusSeconds(7 * 86400))).isTrue();
        assertThat(chart.wasAboveDuring("E-200", "E-042", w46, w46.plusSeconds(7 * 86400))).isTrue();
    }

    @Test
    void a_move_higher_up_the_line_changes_who_was_above_from_that_instant() {
        // E-100 (E-042's lead) moves under a new director E-300 in mid November; E-001 led the line before
        chart.apply(new EmployeeRegistered("E-300", "n", "DIRECTOR", null, "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new ReportingLineChanged("E-100", "E-001", "E-300", "a", NOV), 1);
        Instant w44 = Instant.parse("2026-10-26T00:00:00Z");
        Instant november = Instant.parse("2026-11-01T00:00:00Z");
        Instant december = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(chart.wasAboveDuring("E-300", "E-042", w44, w44.plusSeconds(7 * 86400))).isFalse();
        assertThat(chart.wasAboveDuring("E-300", "E-042", november, december)).isTrue();
        assertThat(chart.wasAboveDuring("E-001", "E-042", november, december)).isTrue();
        assertThat(chart.wasAboveDuring("E-001", "E-042", NOV, december)).isFalse();
        assertThat(chart.wasAboveDuring("E-200", "E-042", OCT, december)).isFalse();
    }

    @Test
    void lookups_are_reused_for_the_cache_ttl_but_this_instances_own_changes_show_at_once() throws Exception {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        OrgChart cached = new OrgChart(client.getDatabase("org-test"), java.time.Duration.ofSeconds(2), nanos::get);
        assertThat(cached.chainAbove("E-042")).containsExactly("E-100", "E-001");
        cached.apply(new ReportingLineChanged("E-042", "E-100", "E-200", "a", NOV), 1);
        assertThat(cached.chainAbove("E-042")).as("its own write").containsExactly("E-200", "E-001");

        // another replica moves E-042 back: this instance sees it once the entry is older than the TTL
        client.getDatabase("org-test").getCollection(OrgChart.COLLECTION).updateOne(
                com.mongodb.client.model.Filters.eq("_id", "E-042"), com.mongodb.client.model.Updates.combine(
                        com.mongodb.client.model.Updates.set("supervisorId", "E-100"),
                        com.mongodb.client.model.Updates.set("ancestors", List.of("E-100", "E-001"))));
        nanos.addAndGet(java.time.Duration.ofMillis(1999).toNanos());
        assertThat(cached.chainAbove("E-042")).as("within the TTL").containsExactly("E-200", "E-001");
        nanos.addAndGet(java.time.Duration.ofMillis(1).toNanos());
        assertThat(cached.chainAbove("E-042")).as("after the TTL").containsExactly("E-100", "E-001");
    }

    @Test
    void a_repeated_or_older_event_changes_nothing() {
        chart.apply(new ReportingLineChanged("E-042", "E-100", "E-200", "a", NOV), 1);
        chart.apply(new ReportingLineChanged("E-042", "E-100", "E-200", "a", NOV), 1);
        chart.apply(new EmployeeRegistered("E-042", "n", "REP", "E-100", "Asia/Shanghai", "a", OCT), 0);
        assertThat(chart.find("E-042").orElseThrow().supervisorId()).isEqualTo("E-200");
        assertThat(chart.chainAbove("E-042", Instant.parse("2026-11-20T00:00:00Z"))).containsExactly("E-200", "E-001");
    }

    @Test
    void an_employee_who_left_keeps_their_place_in_history() {
        Instant left = Instant.parse("2026-11-20T00:00:00Z");
        chart.apply(new EmployeeLeft("E-042", "a", left), 1);
        assertThat(chart.leftAt("E-042")).contains(left);
        assertThat(chart.chainAbove("E-042")).containsExactly("E-100", "E-001");
        assertThat(chart.leftAt("E-100")).isEqualTo(Optional.empty());
    }

    @Test
    void the_chain_ends_on_a_cycle_in_bad_data() {
        chart.apply(new ReportingLineChanged("E-001", null, "E-042", "a", NOV), 1);
        assertThat(chart.chainAbove("E-042")).isEqualTo(List.of("E-100", "E-001"));
        assertThat(chart.chainAbove("E-001")).isEqualTo(List.of("E-042", "E-100"));
        assertThat(chart.chainAbove("E-042", Instant.parse("2026-11-20T00:00:00Z"))).as("the walk as of a date")
                .isEqualTo(List.of("E-100", "E-001", "E-042"));
    }

    @Test
    void the_line_below_is_one_read_and_arrives_whole_whatever_order_the_partitions_deliver_in() {
        // a rep before their lead, the lead before the director: each chain is completed when the one above arrives
        chart.apply(new EmployeeRegistered("R-1", "n", "REP", "L-1", "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new EmployeeRegistered("L-1", "n", "LEAD", "D-1", "Asia/Shanghai", "a", OCT), 0);
        assertThat(chart.chainAbove("R-1")).containsExactly("L-1", "D-1");
        chart.apply(new EmployeeRegistered("D-1", "n", "DIRECTOR", "E-001", "Asia/Shanghai", "a", OCT), 0);
        assertThat(chart.chainAbove("R-1")).containsExactly("L-1", "D-1", "E-001");
        assertThat(chart.lineBelow("E-001")).containsExactly("D-1", "E-042", "E-100", "E-200", "L-1", "R-1");
        assertThat(chart.below("D-1")).extracting(OrgChart.Placed::employeeId, OrgChart.Placed::supervisorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("L-1", "D-1"), org.assertj.core.groups.Tuple.tuple("R-1", "L-1"));

        // the lead moves under E-100: their whole line moves with them, and nobody is left below D-1
        chart.apply(new ReportingLineChanged("L-1", "D-1", "E-100", "a", NOV), 1);
        assertThat(chart.chainAbove("R-1")).containsExactly("L-1", "E-100", "E-001");
        assertThat(chart.lineBelow("D-1")).isEmpty();
        assertThat(chart.lineBelow("E-100")).containsExactly("E-042", "L-1", "R-1");
        assertThat(chart.isAbove("E-100", "R-1")).isTrue();
        assertThat(chart.isAbove("D-1", "R-1")).isFalse();
    }

    @Test
    void a_crash_between_an_entry_and_the_chains_below_it_is_made_good_when_the_event_comes_again() {
        chart.apply(new EmployeeRegistered("R-1", "n", "REP", "L-1", "Asia/Shanghai", "a", OCT), 0);
        // L-1's registration written, the process killed before R-1's chain was completed: as if placeBelow never ran
        var entries = client.getDatabase("org-test").getCollection(OrgChart.COLLECTION);
        chart.apply(new EmployeeRegistered("L-1", "n", "LEAD", "E-100", "Asia/Shanghai", "a", OCT), 0);
        entries.updateOne(com.mongodb.client.model.Filters.eq("_id", "R-1"),
                com.mongodb.client.model.Updates.set("ancestors", List.of("L-1")));
        OrgChart restarted = new OrgChart(client.getDatabase("org-test"), java.time.Duration.ZERO);
        assertThat(restarted.isAbove("E-001", "R-1")).as("the crash's damage").isFalse();

        restarted.apply(new EmployeeRegistered("L-1", "n", "LEAD", "E-100", "Asia/Shanghai", "a", OCT), 0); // redelivered
        assertThat(restarted.chainAbove("R-1")).containsExactly("L-1", "E-100", "E-001");
        assertThat(restarted.lineBelow("E-001")).contains("R-1");

        // the same for a move: applied, then the chains below it lost, then the move again
        restarted.apply(new ReportingLineChanged("L-1", "E-100", "E-200", "a", NOV), 1);
        entries.updateOne(com.mongodb.client.model.Filters.eq("_id", "R-1"),
                com.mongodb.client.model.Updates.set("ancestors", List.of("L-1", "E-100", "E-001")));
        restarted.apply(new ReportingLineChanged("L-1", "E-100", "E-200", "a", NOV), 1);
        assertThat(restarted.chainAbove("R-1")).containsExactly("L-1", "E-200", "E-001");
        assertThat(restarted.lineBelow("E-100")).doesNotContain("R-1");
    }

    /**
     * Two replicas apply a company's hires side by side (HR's partitions split between them, each in its own order):
     * however their reads and writes interleave, every chain ends whole. A supervisor written by one replica between
     * the other's read of it and its write of someone below is the race this guards.
     */
    @Test
    void replicas_applying_a_company_side_by_side_leave_every_chain_whole() throws Exception {
        java.util.Map<String, String> supervisorOf = new java.util.LinkedHashMap<>();
        for (int d = 0; d < 4; d++) {
            supervisorOf.put("D-" + d, "E-001");
            for (int l = 0; l < 5; l++) {
                supervisorOf.put("D-" + d + "-L" + l, "D-" + d);
                for (int r = 0; r < 15; r++) {
                    supervisorOf.put("D-" + d + "-L" + l + "-R" + r, "D-" + d + "-L" + l);
                }
            }
        }
        for (int round = 0; round < 8; round++) {
            var db = client.getDatabase("org-race-" + round);
            OrgChart first = new OrgChart(db, java.time.Duration.ZERO);
            OrgChart second = new OrgChart(db, java.time.Duration.ZERO);
            first.apply(new EmployeeRegistered("E-001", "n", "DIRECTOR", null, "Asia/Shanghai", "a", OCT), 0);
            List<String> ids = new java.util.ArrayList<>(supervisorOf.keySet());
            java.util.Collections.shuffle(ids, new java.util.Random(round));
            java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(2);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int part = 0; part < 2; part++) {
                OrgChart chart = part == 0 ? first : second;
                int mine = part;
                List<EmployeeRegistered> hires = ids.stream().filter(id -> Math.floorMod(id.hashCode(), 2) == mine)
                        .map(id -> new EmployeeRegistered(id, "n", "REP", supervisorOf.get(id), "Asia/Shanghai", "a", OCT)).toList();
                // odd rounds apply each replica's hires as polls of up to 7 at once, even rounds one at a time
                int poll = round % 2 == 1 ? 7 : 1;
                done.add(replicas.submit(() -> {
                    for (int from = 0; from < hires.size(); from += poll) {
                        chart.apply(hires.subList(from, Math.min(hires.size(), from + poll)).stream()
                                .map(h -> new OrgChart.Change(h, 0)).toList());
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
            replicas.shutdown();
            for (String id : ids) {
                List<String> expected = new java.util.ArrayList<>();
                for (String above = supervisorOf.get(id); above != null; above = supervisorOf.get(above)) {
                    expected.add(above);
                }
                assertThat(first.chainAbove(id)).as("round %d, %s", round, id).isEqualTo(expected);
            }
            assertThat(first.lineBelow("E-001")).hasSize(ids.size());
        }
    }

    @Test
    void a_poll_of_hires_in_any_order_with_a_move_and_a_leaving_among_them_applies_as_one_at_a_time_would() {
        List<OrgChart.Change> poll = List.of(
                new OrgChart.Change(new EmployeeRegistered("R-1", "n", "REP", "L-1", "Asia/Shanghai", "a", OCT), 0),
                new OrgChart.Change(new EmployeeRegistered("L-1", "n", "LEAD", "D-1", "Asia/Shanghai", "a", OCT), 0),
                new OrgChart.Change(new EmployeeRegistered("R-2", "n", "REP", "L-1", "Asia/Shanghai", "a", OCT), 0),
                new OrgChart.Change(new EmployeeRegistered("R-2", "n", "REP", "L-1", "Asia/Shanghai", "a", OCT), 0), // twice
                new OrgChart.Change(new ReportingLineChanged("R-2", "L-1", "E-100", "a", NOV), 1),
                new OrgChart.Change(new EmployeeRegistered("D-1", "n", "DIRECTOR", "E-001", "Asia/Shanghai", "a", OCT), 0),
                new OrgChart.Change(new EmployeeRegistered("R-3", "n", "REP", "L-1", "Asia/Shanghai", "a", OCT), 0),
                new OrgChart.Change(new EmployeeLeft("R-3", "a", NOV), 1));
        chart.apply(poll);

        assertThat(chart.chainAbove("R-1")).containsExactly("L-1", "D-1", "E-001");
        assertThat(chart.chainAbove("R-2")).containsExactly("E-100", "E-001");
        assertThat(chart.supervisorOn("R-2", OCT)).contains("L-1");
        assertThat(chart.lineBelow("D-1")).containsExactly("L-1", "R-1", "R-3");
        assertThat(chart.lineBelow("E-100")).containsExactly("E-042", "R-2");
        assertThat(chart.leftAt("R-3")).contains(NOV);

        // a crash after the poll's entries were written, before R-1's chain was completed; then the poll again
        client.getDatabase("org-test").getCollection(OrgChart.COLLECTION).updateOne(
                com.mongodb.client.model.Filters.eq("_id", "R-1"), com.mongodb.client.model.Updates.set("ancestors", List.of("L-1")));
        OrgChart restarted = new OrgChart(client.getDatabase("org-test"), java.time.Duration.ZERO);
        restarted.apply(poll);
        assertThat(restarted.chainAbove("R-1")).containsExactly("L-1", "D-1", "E-001");
        // and once more: a whole poll delivered again changes nothing
        chart.apply(poll);
        assertThat(chart.lineBelow("E-001")).containsExactly("D-1", "E-042", "E-100", "E-200", "L-1", "R-1", "R-2", "R-3");
        assertThat(chart.chainAbove("R-2")).containsExactly("E-100", "E-001");
    }

    @Test
    void a_chart_written_before_the_chains_were_kept_gets_them_when_it_opens() {
        client.getDatabase("org-test").getCollection(OrgChart.COLLECTION).updateMany(new org.bson.Document(),
                com.mongodb.client.model.Updates.unset("ancestors"));
        OrgChart reopened = new OrgChart(client.getDatabase("org-test"), java.time.Duration.ZERO);
        assertThat(reopened.chainAbove("E-042")).containsExactly("E-100", "E-001");
        assertThat(reopened.lineBelow("E-001")).containsExactly("E-042", "E-100", "E-200");
    }

    @Test
    void the_time_zones_of_a_batch_of_owners_come_in_one_look_up_and_unknown_owners_are_absent() {
        assertThat(chart.timeZones(java.util.List.of("E-042", "E-100", "E-unknown")))
                .containsOnlyKeys("E-042", "E-100").containsEntry("E-042", java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(chart.timeZones(java.util.List.of())).isEmpty();
    }

    @Test
    void the_line_below_a_supervisor_is_everyone_under_them_direct_and_indirect() {
        assertThat(chart.lineBelow("E-001")).containsExactly("E-042", "E-100", "E-200");
        assertThat(chart.lineBelow("E-100")).containsExactly("E-042");
        assertThat(chart.lineBelow("E-042")).isEmpty();
    }
}
