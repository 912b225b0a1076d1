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
import java.time.Duration;
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

    /** Every command the sweep sent, in order. */
    private List<Object> commandsAt(Instant now) {
        CommandGateway commands = Mockito.mock(CommandGateway.class);
        new DeadlineSweep(templates, orgChart, new ReportIndex(db), new ReportSlots(db), commands,
                Clock.fixed(now, ZoneOffset.UTC), new SweepCursor(db), submitted::contains,
                Duration.ofHours(4), Duration.ofHours(24)).sweep();
        List<Invocation> calls = List.copyOf(Mockito.mockingDetails(commands).getInvocations());
        assertThat(calls).allSatisfy(call -> assertThat(call.getMethod().getName()).isEqualTo("sendAndWait"));
        return calls.stream().map(call -> (Object) call.getArgument(0)).toList();
    }

    private List<ReportSlotCommands.MarkOverdue> sweepAt(Instant now) {
        return commandsAt(now).stream().filter(ReportSlotCommands.MarkOverdue.class::isInstance)
                .map(ReportSlotCommands.MarkOverdue.class::cast).toList();
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

    @Test
    void the_owner_is_reminded_once_the_window_before_the_deadline_opens_and_not_when_the_report_is_in() {
        // Saturday 28 November, 08:45 in Shanghai: the daily report is due at 09:30 and reminds an hour before
        Instant beforeWindow = Instant.parse("2026-11-28T00:15:00Z");
        Instant inWindow = Instant.parse("2026-11-28T00:45:00Z");
        assertThat(commandsAt(beforeWindow)).noneMatch(ReportSlotCommands.RemindOwner.class::isInstance);
        List<ReportSlotCommands.RemindOwner> reminders = commandsAt(inWindow).stream()
                .filter(ReportSlotCommands.RemindOwner.class::isInstance).map(ReportSlotCommands.RemindOwner.class::cast).toList();
        assertThat(reminders).singleElement().satisfies(r -> {
            assertThat(r.ownerId()).isEqualTo("E-042");
            assertThat(r.periodKey()).isEqualTo("2026-11-28");
            assertThat(r.dueAt()).isEqualTo(Instant.parse("2026-11-28T01:30:00Z"));
        });

        ReportIndex index = new ReportIndex(db);
        index.claim(new ReportIndex.Entry("R-early", "E-042", "sales-rep-daily", 1, "2026-11-28"), id -> true, inWindow);
        submitted.add("R-early");
        assertThat(commandsAt(inWindow)).as("already in").noneMatch(ReportSlotCommands.RemindOwner.class::isInstance);
    }

    @Test
    void a_missing_report_goes_to_the_supervisor_after_the_first_grace_and_above_after_the_second_unless_it_came_in() {
        Instant due = Instant.parse("2026-11-26T01:30:00Z");
        db.getCollection("report_slots").insertOne(new org.bson.Document("_id", "S-1").append("ownerId", "E-042")
                .append("templateId", "sales-rep-daily").append("periodKey", "2026-11-26").append("state", "MISSING")
                .append("dueAt", due.toString()));
        assertThat(commandsAt(due.plus(Duration.ofHours(3)))).noneMatch(ReportSlotCommands.EscalateMissing.class::isInstance);
        assertThat(commandsAt(due.plus(Duration.ofHours(5))).stream().filter(ReportSlotCommands.EscalateMissing.class::isInstance))
                .containsExactly(new ReportSlotCommands.EscalateMissing("S-1", 1, "E-100"));
        db.getCollection("report_slots").updateOne(com.mongodb.client.model.Filters.eq("_id", "S-1"),
                com.mongodb.client.model.Updates.set("escalatedLevel", 1));
        assertThat(commandsAt(due.plus(Duration.ofHours(5)))).noneMatch(ReportSlotCommands.EscalateMissing.class::isInstance);
        // E-100 has nobody above: the level is recorded with nobody told
        assertThat(commandsAt(due.plus(Duration.ofHours(25))).stream().filter(ReportSlotCommands.EscalateMissing.class::isInstance))
                .containsExactly(new ReportSlotCommands.EscalateMissing("S-1", 2, null));

        new ReportIndex(db).claim(new ReportIndex.Entry("R-late", "E-042", "sales-rep-daily", 1, "2026-11-26"), id -> true, due);
        submitted.add("R-late");
        assertThat(commandsAt(due.plus(Duration.ofHours(25)))).as("came in late").noneMatch(ReportSlotCommands.EscalateMissing.class::isInstance);
    }

    @Test
    void a_supervisor_who_has_left_is_not_told() {
        Instant due = Instant.parse("2026-11-26T01:30:00Z");
        db.getCollection("report_slots").insertOne(new org.bson.Document("_id", "S-2").append("ownerId", "E-042")
                .append("templateId", "sales-rep-daily").append("periodKey", "2026-11-26").append("state", "MISSING")
                .append("dueAt", due.toString()));
        orgChart.apply(new com.acme.goals.contracts.org.EmployeeLeft("E-100", "E-001", Instant.parse("2026-11-25T00:00:00Z")), 1);
        assertThat(commandsAt(due.plus(Duration.ofHours(5))).stream().filter(ReportSlotCommands.EscalateMissing.class::isInstance))
                .containsExactly(new ReportSlotCommands.EscalateMissing("S-2", 1, null));
    }
}
