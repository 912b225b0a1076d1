package com.acme.goals.report.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One report per owner, template and period, and a period never blocked for good by a draft that never happened. */
class ReportIndexTest {

    private static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private ReportIndex index;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        index = new ReportIndex(client.getDatabase("index-test"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static ReportIndex.Entry entry(String reportId) {
        return new ReportIndex.Entry(reportId, "E-042", "channel-manager-weekly", 1, "2026-W48");
    }

    @Test
    void a_second_draft_for_the_period_finds_the_first_while_it_exists() {
        assertThat(index.claim(entry("R-1"), id -> true, T0)).isEmpty();
        assertThat(index.claim(entry("R-2"), id -> true, T0.plusSeconds(3600))).contains("R-1");
    }

    @Test
    void a_draft_whose_command_failed_gives_the_period_back_at_once() {
        assertThat(index.claim(entry("R-1"), id -> false, T0)).isEmpty();
        index.release(entry("R-1")); // what the draft endpoint does when the DraftReport command fails
        assertThat(index.claim(entry("R-2"), id -> false, T0.plusSeconds(1))).isEmpty();
        assertThat(index.forPeriod("E-042", "channel-manager-weekly", "2026-W48")).contains("R-2");
        assertThat(index.find("R-1")).isEmpty();
    }

    @Test
    void a_claim_left_by_a_draft_that_never_happened_is_taken_over_once_it_is_old_and_not_before() {
        Set<String> existing = Set.of();
        assertThat(index.claim(entry("R-1"), existing::contains, T0)).isEmpty(); // then the service died: no DraftReport
        assertThat(index.claim(entry("R-2"), existing::contains, T0.plusSeconds(10)))
                .as("a draft may still be on its way for a few seconds").contains("R-1");
        assertThat(index.claim(entry("R-3"), existing::contains, T0.plusSeconds(120))).isEmpty();
        assertThat(index.forPeriod("E-042", "channel-manager-weekly", "2026-W48")).contains("R-3");
        assertThat(index.find("R-3")).isPresent();
        assertThat(index.find("R-1")).isEmpty();
    }

    @Test
    void releasing_a_claim_that_is_not_yours_leaves_it() {
        index.claim(entry("R-1"), id -> true, T0);
        index.release(entry("R-9"));
        assertThat(index.forPeriod("E-042", "channel-manager-weekly", "2026-W48")).contains("R-1");
    }
}
