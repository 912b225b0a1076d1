package com.acme.goals.report.application;

import com.acme.goals.report.domain.ReportSlotCommands;

import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.report.domain.ReportSlot;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.readmodel.ReportIndex;
import com.acme.goals.report.readmodel.ReportSlots;
import com.acme.goals.report.readmodel.TemplateAudit;
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

    private DeadlineSweep sweeper(OrgChart chart, CommandGateway commands, Clock clock) {
        return new DeadlineSweep(templates, chart, new ReportIndex(db), new ReportSlots(db), commands, clock,
                new SweepCursor(db), submitted::contains, Duration.ofHours(4), Duration.ofHours(24));
    }

    private static List<String> marked(CommandGateway commands) {
        return Mockito.mockingDetails(commands).getInvocations().stream().map(call -> call.getArgument(0))
                .filter(ReportSlotCommands.MarkOverdue.class::isInstance).map(c -> ((ReportSlotCommands.MarkOverdue) c).periodKey()).toList();
    }

    @Test
    void a_company_adopting_the_product_owes_nothing_before_its_template_took_effect_until_an_admin_says_otherwise() {
        db.getCollection("report_templates").deleteMany(new org.bson.Document());
        Clock adoptedAt = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC); // Monday 23 November, 11:00 in Shanghai
        TemplateAudit audit = new TemplateAudit(db);
        TemplateRevisions revisions = new TemplateRevisions(templates, audit, new SweepCursor(db), adoptedAt);
        ReportTemplate daily = seed("sales-rep-daily");
        revisions.create(daily, "seed");
        assertThat(templates.latest("sales-rep-daily").orElseThrow().effectiveFrom())
                .as("that morning's 09:30 report fell due before the form existed").isEqualTo(LocalDate.of(2026, 11, 24));

        CommandGateway commands = Mockito.mock(CommandGateway.class);
        DeadlineSweep sweep = sweeper(orgChart, commands, Clock.fixed(NOW, ZoneOffset.UTC));
        sweep.sweep();
        // E-042 joined in 2023: only the days from the template's first day are owed
        assertThat(marked(commands)).containsExactly("2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27");

        projectMarked(commands); // as the slots' projection does: settled periods are not marked again
        Mockito.clearInvocations(commands);
        revisions.moveEffectiveFrom("sales-rep-daily", LocalDate.of(2026, 11, 19), "the pilot team started on the 19th", "E-admin");
        sweep.sweep(); // the same replica sees the new version and looks at the template's owners again
        assertThat(marked(commands)).containsExactly("2026-11-19", "2026-11-20", "2026-11-21", "2026-11-23");
        assertThat(audit.of("sales-rep-daily")).singleElement().satisfies(change -> {
            assertThat(change.field()).isEqualTo("effectiveFrom");
            assertThat(change.from()).isEqualTo("2026-11-24");
            assertThat(change.to()).isEqualTo("2026-11-19");
            assertThat(change.by()).isEqualTo("E-admin");
            assertThat(change.reason()).isEqualTo("the pilot team started on the 19th");
            assertThat(change.version()).isEqualTo(2);
        });
        assertThat(templates.version("sales-rep-daily", 1).orElseThrow().effectiveFrom()).as("history kept")
                .isEqualTo(LocalDate.of(2026, 11, 24));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> revisions.revise(daily.withEffectiveFrom(LocalDate.of(2026, 1, 1)), "E-admin"))
                .hasMessageStartingWith("effectiveFrom: is 2026-11-19; it changes only through PUT /api/report-templates/sales-rep-daily/effective-from");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> revisions.moveEffectiveFrom("sales-rep-daily", LocalDate.of(2026, 1, 1), " ", "E-admin"))
                .hasMessageStartingWith("reason:");
    }

    @Test
    void an_idle_run_reads_nobody_and_a_joiner_is_found_without_reading_everyone() {
        OrgChart chart = Mockito.spy(orgChart);
        CommandGateway commands = Mockito.mock(CommandGateway.class);
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        DeadlineSweep sweep = sweeper(chart, commands, clock);
        sweep.sweep();
        assertThat(marked(commands)).hasSizeGreaterThan(800);
        // the entries were written long before this run
        db.getCollection("org_chart").updateMany(new org.bson.Document(), com.mongodb.client.model.Updates.set("changedAt",
                java.util.Date.from(Instant.now().minus(Duration.ofHours(1)))));

        Mockito.clearInvocations(chart, commands);
        now[0] = NOW.plus(Duration.ofMinutes(10));
        sweep.sweep();
        Mockito.verify(chart, Mockito.never()).members();
        Mockito.verify(chart, Mockito.never()).member(Mockito.anyString());
        assertThat(Mockito.mockingDetails(commands).getInvocations()).isEmpty();

        Mockito.clearInvocations(chart);
        orgChart.apply(new EmployeeRegistered("E-043", "new rep", "SALES_REP", "E-100", "Asia/Shanghai", "a",
                Instant.parse("2026-11-25T00:00:00Z"), LocalDate.of(2026, 11, 25)), 0);
        now[0] = NOW.plus(Duration.ofMinutes(20));
        sweep.sweep();
        Mockito.verify(chart, Mockito.never()).members();
        Mockito.verify(chart, Mockito.times(1)).versionsChangedSince(Mockito.any());
        assertThat(Mockito.mockingDetails(commands).getInvocations().stream().map(call -> call.getArgument(0))
                .filter(ReportSlotCommands.MarkOverdue.class::isInstance).map(c -> ((ReportSlotCommands.MarkOverdue) c).ownerId() + " "
                        + ((ReportSlotCommands.MarkOverdue) c).periodKey()).toList())
                .containsExactly("E-043 2026-11-25", "E-043 2026-11-26", "E-043 2026-11-27");

        Mockito.clearInvocations(chart, commands);
        now[0] = NOW.plus(Duration.ofMinutes(21));
        sweep.sweep(); // E-043's entry is still inside the change margin, unchanged since the last run: not settled again
        Mockito.verify(chart, Mockito.never()).member(Mockito.anyString());
        assertThat(Mockito.mockingDetails(commands).getInvocations()).isEmpty();

        now[0] = NOW.plus(Duration.ofDays(1));
        sweep.sweep(); // Saturday's report fell due for both: two cursors read, two marked
        assertThat(marked(commands)).containsExactly("2026-11-28", "2026-11-28");
    }

    private void projectMarked(CommandGateway commands) {
        Mockito.mockingDetails(commands).getInvocations().stream().map(call -> call.getArgument(0))
                .filter(ReportSlotCommands.MarkOverdue.class::isInstance).map(ReportSlotCommands.MarkOverdue.class::cast)
                .forEach(c -> db.getCollection("report_slots").insertOne(new org.bson.Document("_id", c.slotId())
                        .append("ownerId", c.ownerId()).append("templateId", c.templateId()).append("periodKey", c.periodKey())
                        .append("state", "MISSING").append("dueAt", c.dueAt().toString())));
    }

    private ReportTemplate seed(String templateId) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        try (InputStream in = getClass().getResourceAsStream("/seed/templates.json")) {
            return json.readValue(in, new TypeReference<List<ReportTemplate>>() {
            }).stream().filter(t -> t.templateId().equals(templateId)).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
