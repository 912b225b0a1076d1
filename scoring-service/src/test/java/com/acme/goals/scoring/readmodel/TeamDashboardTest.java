package com.acme.goals.scoring.readmodel;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.MetricDelta;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.scoring.WeekScored;
import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.team.org.OrgChart;
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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated company (a director, four leads, 23 reps each, one of whom left), its week goals, payments, reports
 * and some scores: every page of the director's dashboard, sorted either way, read one after the other, is exactly the
 * line below computed person by person (completion from their own goals and actuals, their reports, their score),
 * in the order asked for, with nobody twice and nobody missing.
 */
class TeamDashboardTest {

    private static final Instant AT = Instant.parse("2026-11-16T01:00:00Z");
    private static final Period WEEK = Period.parse("2026-W47");
    private MongoServer server;
    private MongoClient client;
    private OrgChart org;
    private GoalTargets goals;
    private ActivityLedger ledger;
    private ReportTimeliness timeliness;
    private ScoreViews scores;
    private TeamDashboard dashboard;
    private final List<String> reps = new ArrayList<>();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        MongoDatabase db = client.getDatabase("scoring-test");
        org = new OrgChart(db, java.time.Duration.ZERO);
        goals = new GoalTargets(db);
        ledger = new ActivityLedger(db);
        timeliness = new ReportTimeliness(db);
        scores = new ScoreViews(db, new ObjectMapper().registerModule(new JavaTimeModule()));
        dashboard = new TeamDashboard(org, goals, ledger, timeliness, scores);

        Random random = new Random(19);
        register("D-1", null);
        for (int l = 0; l < 4; l++) {
            register("L-" + l, "D-1");
            for (int r = 0; r < 23; r++) {
                String rep = "R-" + l + "-" + r;
                register(rep, "L-" + l);
                reps.add(rep);
                if (random.nextInt(4) > 0) {
                    goals.apply(new GoalSet("G-" + rep, rep, "WEEK", WEEK.key(), null, "collect",
                            List.of(new NumericTarget("payment_collection", BigDecimal.valueOf(10_000 + random.nextInt(90_000)), "CNY")),
                            List.of(), "L-" + l, AT));
                }
                List<ActivityRecorded> payments = new ArrayList<>();
                for (int p = random.nextInt(5); p > 0; p--) {
                    LocalDate day = WEEK.firstDay().plusDays(random.nextInt(7));
                    payments.add(new ActivityRecorded(rep + "-" + p, "urn:crm", rep + "-" + p, "crm.payment.received", rep, "C-1",
                            "payment/" + rep + p, day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), "UTC", day, WEEK.key(),
                            "2026-11", List.of(new MetricDelta("payment_collection", BigDecimal.valueOf(random.nextInt(40_000)), "CNY"))));
                }
                ledger.record(payments);
                switch (random.nextInt(4)) {
                    case 0 -> timeliness.submitted(rep, "weekly", WEEK.key(), "ON_TIME");
                    case 1 -> timeliness.submitted(rep, "weekly", WEEK.key(), "LATE");
                    case 2 -> timeliness.overdue(rep, "weekly", WEEK.key());
                    default -> timeliness.excused(rep, "weekly", WEEK.key());
                }
                if (random.nextInt(3) == 0) {
                    for (int version = 1; version <= 1 + random.nextInt(2); version++) { // the latest version counts
                        scores.on(new WeekScored(rep, WEEK.key(), "2026-11", version, 1, null,
                                BigDecimal.valueOf(random.nextInt(10_000), 2), null, null, null, "L-" + l, AT));
                    }
                }
            }
        }
        org.apply(new EmployeeLeft("R-2-5", "a", AT), 1);
    }

    private void register(String id, String supervisor) {
        org.apply(new EmployeeRegistered(id, id, supervisor == null ? "DIRECTOR" : "REP", supervisor, "Asia/Shanghai", "a", AT), 0);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    /** The row of one person, read on its own: their goals against their actuals, their reports, their latest score. */
    private TeamDashboard.Member alone(String employeeId) {
        Map<String, BigDecimal> actuals = ledger.totals(employeeId, WEEK.firstDay(), WEEK.lastDay());
        BigDecimal sum = BigDecimal.ZERO;
        int counted = 0;
        List<GoalTargets.Goal> own = goals.ofOwners(List.of(employeeId), WEEK.key()).get(employeeId);
        for (GoalTargets.Goal goal : own) {
            for (NumericTarget target : goal.targets()) {
                sum = sum.add(GoalProgress.metric(target, actuals).completionPercent());
                counted++;
            }
        }
        ReportTimeliness.Counts reports = timeliness.counts(List.of(employeeId), WEEK.keyAndDayKeys()).get(employeeId);
        WeekScored score = scores.latestWeeks(List.of(employeeId), WEEK.key()).get(employeeId);
        return new TeamDashboard.Member(employeeId, org.find(employeeId).orElseThrow().supervisorId(),
                counted == 0 ? null : sum.divide(BigDecimal.valueOf(counted), 2, RoundingMode.HALF_UP), own.size(),
                reports.onTime(), reports.late(), reports.missing(), reports.excused(), score == null ? null : score.total(), null);
    }

    @Test
    void every_page_of_the_directors_dashboard_is_the_line_below_person_by_person_in_the_order_asked() {
        List<String> line = new ArrayList<>(org.lineBelow("D-1"));
        line.remove("R-2-5"); // left
        List<TeamDashboard.Member> expected = new ArrayList<>(line.stream().map(this::alone).toList());
        assertThat(expected).hasSize(4 + 4 * 23 - 1);
        assertThat(expected).filteredOn(m -> m.score() != null).hasSizeGreaterThan(15);
        assertThat(expected).filteredOn(m -> m.completionPercent() != null).hasSizeGreaterThan(40);

        for (String sort : List.of("employeeId", "score")) {
            expected.sort("score".equals(sort)
                    ? Comparator.comparing(TeamDashboard.Member::score, Comparator.nullsLast(Comparator.reverseOrder()))
                            .thenComparing(TeamDashboard.Member::employeeId)
                    : Comparator.comparing(TeamDashboard.Member::employeeId));
            List<TeamDashboard.Member> paged = new ArrayList<>();
            for (int page = 0; ; page++) {
                TeamDashboard.Page shown = dashboard.of("D-1", WEEK, sort, page, 7);
                assertThat(shown.total()).isEqualTo(expected.size());
                if (shown.members().isEmpty()) {
                    break;
                }
                paged.addAll(shown.members());
            }
            assertThat(paged).as("sorted by " + sort).containsExactlyElementsOf(expected);
        }
        // a lead's page is their own 23 (22 for the lead of the one who left)
        assertThat(dashboard.of("L-2", WEEK, "employeeId", 0, 50).members()).hasSize(22)
                .allSatisfy(m -> assertThat(m.supervisorId()).isEqualTo("L-2"));
    }
}
