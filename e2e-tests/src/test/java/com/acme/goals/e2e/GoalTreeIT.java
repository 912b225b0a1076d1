package com.acme.goals.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static com.acme.goals.e2e.GoalTrees.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Goal trees through the API: the seed's example, and a full year down to the days. */
class GoalTreeIT extends StackTest {


    private JsonNode awaitTree(String rootId, String token, int goals) {
        AtomicReference<JsonNode> tree = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Api.Reply reply = api.get("/api/goals/" + rootId + "/tree", token);
            tree.set(reply.body());
            return reply.status() == 200 && GoalTrees.count(reply.body()) == goals;
        });
        return tree.get();
    }

    /**
     * The seed (product-spec.md §3.2): a channel manager's quarter goal with assessment and contract tasks and payment
     * collection, decomposed into its months, one month's weeks, and the days of one week with their actions,
     * customer-related ones linked to a customer. The seed's quarter is 2026-Q4; here it is the quarter of last week.
     */
    @Test
    void the_seeds_channel_manager_quarter_decomposes_into_months_weeks_and_days() throws Exception {
        Team team = registerTeam();
        String sup = token(team.supervisor(), "SUPERVISOR");
        String me = token(team.employee(), "EMPLOYEE");
        GoalTrees trees = new GoalTrees(api);
        Today.Week week = today.week(-1);
        YearMonth month = week.month();
        int quarter = (month.getMonthValue() - 1) / 3 + 1;
        String q = trees.set(sup, team.employee(), "QUARTER", month.getYear() + "-Q" + quarter, null, "渠道经理 Q" + quarter,
                cny("assessment_amount", 900_000) + "," + cny("contract_amount", 1_200_000) + "," + cny("payment_collection", 800_000), "");
        String monthGoal = null;
        for (int m = (quarter - 1) * 3 + 1; m <= quarter * 3; m++) {
            YearMonth each = YearMonth.of(month.getYear(), m);
            String id = trees.set(sup, team.employee(), "MONTH", each.toString(), q, "month " + each,
                    cny("assessment_amount", 300_000) + "," + cny("contract_amount", 400_000) + "," + cny("payment_collection", 260_000), "");
            if (each.equals(month)) {
                monthGoal = id;
            }
        }
        // the weeks the month owns: one per Thursday in it
        List<Today.Week> weeks = month.atDay(1).datesUntil(month.plusMonths(1).atDay(1))
                .filter(d -> d.getDayOfWeek() == DayOfWeek.THURSDAY).map(d -> new Today.Week(d.minusDays(3))).toList();
        // the month's collection split evenly over its weeks (4 or 5), and a week's over its six working days
        long weekTarget = 260_000 / weeks.size();
        long dayTarget = weekTarget / 6;
        String weekGoal = null;
        for (Today.Week each : weeks) {
            String id = trees.set(me, team.employee(), "WEEK", each.key(), monthGoal, "week " + each, cny("payment_collection", weekTarget), "");
            if (each.equals(week)) {
                weekGoal = id;
            }
        }
        String[] actions = {
                "{\"title\":\"on-site visit to the East China agent\",\"kind\":\"VISIT\",\"customerId\":\"C-1001\"}",
                "{\"title\":\"call to invite the agent to the product meeting\",\"kind\":\"MEETING_INVITE\",\"customerId\":\"C-1002\"}",
                "{\"title\":\"training for the agent's sales staff\",\"kind\":\"AGENT_TRAINING\",\"customerId\":\"C-1001\"}",
                "{\"title\":\"company market activity in Hangzhou\",\"kind\":\"MARKET_ACTIVITY\"}",
                "{\"title\":\"routine: reconcile receivables and inventory\",\"kind\":\"ROUTINE\"}",
                "{\"title\":\"special communication on negative receivables\",\"kind\":\"SPECIAL\",\"customerId\":\"C-1003\"}"};
        for (int d = 0; d < actions.length; d++) {
            String day = week.monday().plusDays(d).toString();
            trees.set(me, team.employee(), "DAY", day, weekGoal, "day " + day, cny("payment_collection", dayTarget), actions[d]);
        }

        JsonNode tree = awaitTree(q, sup, 1 + 3 + weeks.size() + 6);
        StringBuilder printed = new StringBuilder();
        GoalTrees.print(tree, "", printed);
        System.out.println("The seed's goal tree (GET /api/goals/" + q + "/tree):\n" + printed);

        assertThat(tree.path("children")).hasSize(3);
        JsonNode qPayment = tree.path("childSums").get(2);
        assertThat(qPayment.path("childrenSum").asText()).isEqualTo("780000");
        assertThat(qPayment.path("gap").asText()).isEqualTo("20000");
        JsonNode monthNode = child(tree, month.toString());
        assertThat(monthNode.path("children")).hasSize(weeks.size());
        JsonNode weekNode = child(monthNode, week.key());
        assertThat(weekNode.path("children")).hasSize(6);
        assertThat(child(weekNode, week.monday().toString()).at("/goal/actions/0/customerId").asText()).isEqualTo("C-1001");
        assertThat(printed.toString()).contains("VISIT: on-site visit to the East China agent [customer C-1001]");
    }

    private static JsonNode child(JsonNode node, String periodKey) {
        for (JsonNode child : node.path("children")) {
            if (child.at("/goal/periodKey").asText().equals(periodKey)) {
                return child;
            }
        }
        throw new AssertionError("no child " + periodKey + " under " + node.at("/goal/periodKey").asText());
    }

    /**
     * A full year (this year): 1 year → 4 quarters → 12 months → every ISO week of the year under the month of its
     * Thursday → Monday to Saturday of each week. Prints the tree query's latency; the figure goes to docs/measured.md.
     */
    @Test
    void a_whole_year_tree_is_answered_in_one_query() throws Exception {
        Team team = registerTeam();
        String me = token(team.employee(), "EMPLOYEE");
        GoalTrees trees = new GoalTrees(api);
        int y = today.date().getYear();
        String year = trees.set(me, team.employee(), "YEAR", String.valueOf(y), null, String.valueOf(y),
                cny("payment_collection", 12_000_000), "");
        String[] months = new String[13];
        for (int q = 1; q <= 4; q++) {
            String quarter = trees.set(me, team.employee(), "QUARTER", y + "-Q" + q, year, "Q" + q, cny("payment_collection", 3_000_000), "");
            for (int m = (q - 1) * 3 + 1; m <= q * 3; m++) {
                months[m] = trees.set(me, team.employee(), "MONTH", YearMonth.of(y, m).toString(), quarter, "M" + m,
                        cny("payment_collection", 1_000_000), "");
            }
        }
        for (LocalDate thursday = LocalDate.of(y, 1, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
             thursday.getYear() == y; thursday = thursday.plusWeeks(1)) {
            Today.Week week = new Today.Week(thursday.minusDays(3));
            String weekGoal = trees.set(me, team.employee(), "WEEK", week.key(), months[thursday.getMonthValue()],
                    "W" + week.key(), cny("payment_collection", 200_000), "");
            for (int d = 0; d < 6; d++) {
                trees.set(me, team.employee(), "DAY", week.monday().plusDays(d).toString(), weekGoal, "day", cny("payment_collection", 30_000), "");
            }
        }

        // what the calendar says, not what the loop above counted: 53 ISO weeks when 1 January is a Thursday, or a
        // Wednesday in a leap year; otherwise 52
        DayOfWeek newYear = LocalDate.of(y, 1, 1).getDayOfWeek();
        int isoWeeks = newYear == DayOfWeek.THURSDAY || (Year.isLeap(y) && newYear == DayOfWeek.WEDNESDAY) ? 53 : 52;
        JsonNode tree = awaitTree(year, me, 1 + 4 + 12 + isoWeeks * 7);
        int weeksInTree = 0;
        for (JsonNode quarter : tree.path("children")) {
            assertThat(quarter.path("children")).hasSize(3);
            for (JsonNode month : quarter.path("children")) {
                YearMonth ym = YearMonth.parse(month.at("/goal/periodKey").asText());
                long thursdays = ym.atDay(1).datesUntil(ym.plusMonths(1).atDay(1)).filter(d -> d.getDayOfWeek() == DayOfWeek.THURSDAY).count();
                assertThat(month.path("children")).as(ym + " owns one week per Thursday").hasSize((int) thursdays);
                for (JsonNode week : month.path("children")) {
                    assertThat(week.path("children")).as(week.at("/goal/periodKey").asText()).hasSize(6);
                    weeksInTree++;
                }
            }
        }
        assertThat(tree.path("children")).hasSize(4);
        assertThat(weeksInTree).isEqualTo(isoWeeks);

        Histogram latency = new Histogram(3);
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            Api.Reply reply = api.get("/api/goals/" + year + "/tree", me);
            latency.recordValue((System.nanoTime() - start) / 1_000);
            assertThat(reply.status()).isEqualTo(200);
        }
        int goals = GoalTrees.count(tree);
        System.out.printf("tree of %d goals (1 year, 4 quarters, 12 months, %d weeks, %d days) through the gateway, 30 calls: "
                        + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", goals, isoWeeks, isoWeeks * 6,
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(95) / 1000.0, latency.getMaxValue() / 1000.0);
    }
}
