package com.acme.goals.report.application;

import com.acme.goals.report.domain.ReportSlotCommands;

import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.report.domain.ReportSlot;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.readmodel.ReportIndex;
import com.acme.goals.report.readmodel.ReportSlots;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.Invocation;
import org.mockito.Mockito;

import java.io.InputStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep over three years of a daily reporter: every Monday-to-Saturday marked once, and a later run costs the new
 * days only. The command gateway is a mock, so nothing is ever settled: only the cursor keeps a run from re-sending.
 */
class DeadlineSweepTest {

    private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z"); // 10:00 in Shanghai, after 09:30
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;
    private TemplateCatalogue templates;
    private OrgChart orgChart;
    private final java.util.Set<String> submitted = new java.util.HashSet<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        db = client.getDatabase("report-test");
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        templates = new TemplateCatalogue(db, json);
        try (InputStream in = getClass().getResourceAsStream("/seed/templates.json")) {
            for (ReportTemplate seed : json.readValue(in, new TypeReference<List<ReportTemplate>>() {
            })) {
                templates.create(seed.checked());
            }
        }
        orgChart = new OrgChart(db);
        orgChart.apply(new EmployeeRegistered("E-100", "lead", "SALES_LEAD", null, "Asia/Shanghai", "a",
                Instant.parse("2023-10-01T00:00:00Z"), LocalDate.of(2023, 10, 1)), 0);
        orgChart.apply(new EmployeeRegistered("E-042", "rep", "SALES_REP", "E-100", "Asia/Shanghai", "a",
                Instant.parse("2023-11-01T00:00:00Z"), LocalDate.of(2023, 11, 1)), 0);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private List<ReportSlotCommands.MarkOverdue> sweepAt(Instant now) {
        CommandGateway commands = Mockito.mock(CommandGateway.class);
        new DeadlineSweep(templates, orgChart, new ReportIndex(db), new ReportSlots(db), commands,
                Clock.fixed(now, ZoneOffset.UTC), new SweepCursor(db), submitted::contains).sweep();
        // every call the sweep made, whatever it was: anything but sendAndWait(MarkOverdue) fails the cast or the name
        List<Invocation> calls = List.copyOf(Mockito.mockingDetails(commands).getInvocations());
        assertThat(calls).allSatisfy(call -> assertThat(call.getMethod().getName()).isEqualTo("sendAndWait"));
        return calls.stream().map(call -> (ReportSlotCommands.MarkOverdue) call.getArgument(0)).toList();
    }

    @Test
    void three_years_of_daily_reports_are_all_marked_once_and_a_later_run_adds_only_the_new_day() {
        List<ReportSlotCommands.MarkOverdue> first = sweepAt(NOW);
        long workingDays = LocalDate.of(2023, 11, 1).datesUntil(LocalDate.of(2026, 11, 28))
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SUNDAY).count();
        assertThat(first).hasSize((int) workingDays).hasSizeGreaterThan(800); // a walk capped at 800 periods stopped in 2026-01
        assertThat(first.get(0).periodKey()).isEqualTo("2023-11-01");
        assertThat(first.get(first.size() - 1).periodKey()).isEqualTo("2026-11-27");
        assertThat(first.stream().map(ReportSlotCommands.MarkOverdue::periodKey).distinct().count()).isEqualTo(workingDays);

        assertThat(sweepAt(NOW)).as("nothing new is due").isEmpty();
        List<ReportSlotCommands.MarkOverdue> nextDay = sweepAt(NOW.plusSeconds(86_400));
        assertThat(nextDay).extracting(ReportSlotCommands.MarkOverdue::periodKey).containsExactly("2026-11-28");
        assertThat(sweepAt(NOW.plusSeconds(2 * 86_400))).as("Sunday 29 November owes nothing").isEmpty();
    }

    @Test
    void a_report_drafted_but_never_submitted_is_missing_and_a_submitted_one_is_not() {
        ReportIndex index = new ReportIndex(db);
        index.claim(new ReportIndex.Entry("R-drafted", "E-042", "sales-rep-daily", 1, "2026-11-25"), id -> true, NOW);
        index.claim(new ReportIndex.Entry("R-submitted", "E-042", "sales-rep-daily", 1, "2026-11-26"), id -> true, NOW);
        submitted.add("R-submitted");

        List<String> marked = sweepAt(NOW).stream().map(ReportSlotCommands.MarkOverdue::periodKey).toList();

        assertThat(marked).contains("2026-11-24", "2026-11-25", "2026-11-27").doesNotContain("2026-11-26");
    }
}
