package com.acme.goals.team.access;

import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.team.org.OrgChart;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A read of a period's record by its key: the line now, the line during that period, admins; nobody else. */
class AccessTest {

    // a fixed clock: the periods below are past weeks of it, whatever day the suite runs
    private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOV = Instant.parse("2026-11-15T00:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private Access access;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        OrgChart chart = new OrgChart(client.getDatabase("access-test"), java.time.Duration.ZERO);
        chart.apply(new EmployeeRegistered("E-001", "n", "DIRECTOR", null, "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new EmployeeRegistered("E-100", "n", "LEAD", "E-001", "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new EmployeeRegistered("E-200", "n", "LEAD", "E-001", "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new EmployeeRegistered("E-042", "n", "REP", "E-100", "Asia/Shanghai", "a", OCT), 0);
        chart.apply(new ReportingLineChanged("E-042", "E-100", "E-200", "a", NOV), 1);
        access = new Access(chart, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void the_lead_of_a_past_week_reads_that_week_by_its_key_and_not_a_later_one() {
        Actor formerLead = new Actor("E-100", Set.of("SUPERVISOR"));
        assertThatCode(() -> access.requireRead(formerLead, "E-042", "2026-W44", "the scores")).doesNotThrowAnyException();
        assertThatThrownBy(() -> access.requireRead(formerLead, "E-042", "2026-W48", "the scores"))
                .isInstanceOf(NotAllowed.class).hasMessageContaining("E-100 may not read the scores of E-042 for 2026-W48");
    }

    @Test
    void the_line_now_and_the_owner_read_any_key_even_one_that_does_not_parse_and_a_stranger_none() {
        assertThatCode(() -> access.requireRead(new Actor("E-200", Set.of("SUPERVISOR")), "E-042", "2026-W44", "x")).doesNotThrowAnyException();
        assertThatCode(() -> access.requireRead(new Actor("E-042", Set.of("EMPLOYEE")), "E-042", "not-a-key", "x")).doesNotThrowAnyException();
        assertThatThrownBy(() -> access.requireRead(new Actor("E-777", Set.of("SUPERVISOR")), "E-042", "2026-W44", "the scores"))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> access.requireRead(new Actor("E-100", Set.of("SUPERVISOR")), "E-042", (String) null, "the goals"))
                .isInstanceOf(NotAllowed.class).hasMessageContaining("E-100 may not read the goals of E-042:");
    }
}
