package com.acme.goals.report.readmodel;

import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.report.PeriodExcused;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.ReportDrafted;
import com.acme.goals.contracts.report.ReportOverdue;
import com.acme.goals.report.application.TeamTimeliness;
import com.acme.goals.report.domain.ReportSlot;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.team.org.OrgChart;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Company timeliness on a generated company (a CEO, 3 directors, 12 leads, 144 reps) whose reps' daily reports for one
 * day are each in a state drawn at random: every supervisor's rows are exactly their reps' states worked out person by
 * person, and every supervisor's counts are the sums of the counts of those directly below them. The day is last
 * week's Wednesday.
 */
class TeamTimelinessTotalsTest {

    private static final String TEMPLATE = "sales-rep-daily";
    private static final java.time.ZoneId SHANGHAI = java.time.ZoneId.of("Asia/Shanghai");
    /** Last week's Wednesday, from the clock: a rep owes the daily report that day. */
    private static final LocalDate WEDNESDAY = LocalDate.now(SHANGHAI).minusWeeks(1).with(java.time.DayOfWeek.WEDNESDAY);
    private static final String DAY = WEDNESDAY.toString();
    private static final Instant DUE = WEDNESDAY.atTime(9, 30).atZone(SHANGHAI).toInstant();
    private static final List<String> STATES = List.of("ON_TIME", "LATE", "MISSING", "EXCUSED", "OPEN", "DRAFT_MISSING",
            "LEFT_BEFORE", "JOINED_AFTER");

    private MongoServer server;
    private MongoClient client;
    private OrgChart orgChart;
    private TeamTimeliness timeliness;
    /** Each rep's expected row state (absent: no row expected), worked out from what the generator did to them. */
    private final Map<String, String> expected = new TreeMap<>();
    private final Map<String, List<String>> below = new HashMap<>();

    @BeforeEach
    void generate() throws Exception {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        MongoDatabase db = client.getDatabase("timeliness-test");
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        TemplateCatalogue templates = new TemplateCatalogue(db, json);
        try (InputStream in = getClass().getResourceAsStream("/seed/templates.json")) {
            for (ReportTemplate seed : json.readValue(in, new TypeReference<List<ReportTemplate>>() {
            })) {
                templates.create(seed.checked());
            }
        }
        orgChart = new OrgChart(db);
        ReportIndex reportIndex = new ReportIndex(db);
        ReportProjection reports = new ReportProjection(db);
        ReportSlots slots = new ReportSlots(db);
        timeliness = new TeamTimeliness(slots, templates, orgChart, reportIndex, reports);

        Random random = new Random(19);
        hire("CEO", "SALES_DIRECTOR", null, WEDNESDAY.minusYears(1));
        for (int d = 0; d < 3; d++) {
            String director = "D-" + d;
            hire(director, "SALES_DIRECTOR", "CEO", WEDNESDAY.minusYears(1));
            for (int l = 0; l < 4; l++) {
                String lead = director + "-L" + l;
                hire(lead, "SALES_LEAD", director, WEDNESDAY.minusYears(1));
                for (int r = 0; r < 12; r++) {
                    String rep = lead + "-R" + r;
                    String state = STATES.get(random.nextInt(STATES.size()));
                    hire(rep, "SALES_REP", lead, state.equals("JOINED_AFTER") ? WEDNESDAY.plusDays(1) : WEDNESDAY.minusMonths(6));
                    String reportId = "R-" + rep;
                    String slotId = ReportSlot.id(rep, TEMPLATE, DAY);
                    switch (state) {
                        case "ON_TIME", "LATE" -> {
                            write(reportIndex, reports, rep, reportId);
                            reports.on(new PlanSubmitted(reportId, rep, TEMPLATE, DAY, 1, Map.of("plan", "visits"), state, DUE,
                                    state.equals("LATE") ? DUE.plusSeconds(3600) : DUE.minusSeconds(3600)), 1);
                            expected.put(rep, state);
                        }
                        case "MISSING" -> {
                            slots.on(new ReportOverdue(slotId, rep, TEMPLATE, DAY, DUE, DUE.plusSeconds(60)));
                            expected.put(rep, "MISSING");
                        }
                        case "DRAFT_MISSING" -> { // drafted, never submitted: the sweep marked it
                            write(reportIndex, reports, rep, reportId);
                            slots.on(new ReportOverdue(slotId, rep, TEMPLATE, DAY, DUE, DUE.plusSeconds(60)));
                            expected.put(rep, "MISSING");
                        }
                        case "EXCUSED" -> {
                            slots.on(new PeriodExcused(slotId, rep, TEMPLATE, DAY, "leave", lead, DUE.minusSeconds(86_400)));
                            expected.put(rep, "EXCUSED");
                        }
                        case "OPEN" -> expected.put(rep, "OPEN");
                        case "LEFT_BEFORE" -> orgChart.apply(new EmployeeLeft(rep, "hr", DUE.minus(java.time.Duration.ofDays(5))), 1);
                        case "JOINED_AFTER" -> {
                        } // joined the day after: owes nothing that day
                        default -> throw new IllegalStateException(state);
                    }
                }
            }
        }
        assertThat(expected.values()).as("the generator drew every state").contains("ON_TIME", "LATE", "MISSING", "EXCUSED", "OPEN");
    }

    private void hire(String id, String role, String supervisorId, LocalDate joinedOn) {
        orgChart.apply(new EmployeeRegistered(id, id, role, supervisorId, "Asia/Shanghai", "hr",
                joinedOn.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), joinedOn), 0);
        if (supervisorId != null) {
            below.computeIfAbsent(supervisorId, s -> new ArrayList<>()).add(id);
        }
    }

    private static void write(ReportIndex index, ReportProjection reports, String rep, String reportId) {
        index.claim(new ReportIndex.Entry(reportId, rep, TEMPLATE, 1, DAY), id -> true, DUE.minusSeconds(7200));
        reports.on(new ReportDrafted(reportId, rep, TEMPLATE, 1, "PLAN", DAY, Map.of(), List.of("plan"), DUE,
                DUE.minusSeconds(7200)), 0);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    /** The reps anywhere below a supervisor, found from the generator's own record of who it put where. */
    private List<String> repsBelow(String supervisorId) {
        List<String> reps = new ArrayList<>();
        for (String id : below.getOrDefault(supervisorId, List.of())) {
            if (id.contains("-R")) {
                reps.add(id);
            }
            reps.addAll(repsBelow(id));
        }
        return reps;
    }

    @Test
    void every_supervisors_rows_are_their_reps_states_and_their_counts_the_sum_of_the_line_directly_below() {
        for (String supervisor : below.keySet()) {
            TeamTimeliness.Summary summary = timeliness.of(supervisor, DAY);
            Map<String, String> rows = new TreeMap<>();
            summary.members().forEach(m -> {
                assertThat(m.templateId()).isEqualTo(TEMPLATE);
                rows.put(m.employeeId(), m.state());
            });
            Map<String, String> theirs = new TreeMap<>();
            repsBelow(supervisor).stream().filter(expected::containsKey).forEach(rep -> theirs.put(rep, expected.get(rep)));
            assertThat(rows).as("rows of %s", supervisor).isEqualTo(theirs);

            Map<String, Integer> counted = new TreeMap<>();
            theirs.values().forEach(state -> counted.merge(state, 1, Integer::sum));
            assertThat(summary.counts()).as("counts of %s", supervisor).isEqualTo(counted);

            if (!supervisor.contains("-L")) { // a director or the CEO: the sum of the supervisors directly below
                Map<String, Integer> summed = new TreeMap<>();
                below.get(supervisor).forEach(next -> timeliness.of(next, DAY).counts().forEach((s, n) -> summed.merge(s, n, Integer::sum)));
                assertThat(summary.counts()).as("%s = the sum of the line directly below", supervisor).isEqualTo(summed);
            }
        }
        assertThat(timeliness.of("CEO", DAY).members()).hasSize(expected.size());
    }
}
