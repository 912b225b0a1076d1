package com.acme.goals.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
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
     * The seed (product-spec.md §3.2): a channel manager's 2026-Q4 goal with assessment and contract tasks and
     * payment collection, decomposed into its months, November's weeks, and the days of week 48 with their
     * actions, customer-related ones linked to a customer.
     */
    @Test
    void the_seeds_channel_manager_quarter_decomposes_into_months_weeks_and_days() throws Exception {
        Team team = registerTeam();
        String sup = token(team.supervisor(), "SUPERVISOR");
        String me = token(team.employee(), "EMPLOYEE");
        GoalTrees trees = new GoalTrees(api);
        String q4 = trees.set(sup, team.employee(), "QUARTER", "2026-Q4", null, "渠道经理 2026 Q4",
                cny("assessment_amount", 900_000) + "," + cny("contract_amount", 1_200_000) + "," + cny("payment_collection", 800_000), "");
        String november = null;
        for (String month : new String[]{"2026-10", "2026-11", "2026-12"}) {
            String id = trees.set(sup, team.employee(), "MONTH", month, q4, "month " + month,
                    cny("assessment_amount", 300_000) + "," + cny("contract_amount", 400_000) + "," + cny("payment_collection", 260_000), "");
            if (month.equals("2026-11")) {
                november = id;
            }
        }
        String week48 = null;
        for (String week : new String[]{"2026-W45", "2026-W46", "2026-W47", "2026-W48"}) {
            String id = trees.set(me, team.employee(), "WEEK", week, november, "week " + week, cny("payment_collection", 65_000), "");
            if (week.equals("2026-W48")) {
                week48 = id;
            }
        }
        String[][] days = {
                {"2026-11-23", "{\"title\":\"on-site visit to the East China agent\",\"kind\":\"VISIT\",\"customerId\":\"C-1001\"}"},
                {"2026-11-24", "{\"title\":\"call to invite the agent to the product meeting\",\"kind\":\"MEETING_INVITE\",\"customerId\":\"C-1002\"}"},
                {"2026-11-25", "{\"title\":\"training for the agent's sales staff\",\"kind\":\"AGENT_TRAINING\",\"customerId\":\"C-1001\"}"},
                {"2026-11-26", "{\"title\":\"company market activity in Hangzhou\",\"kind\":\"MARKET_ACTIVITY\"}"},
                {"2026-11-27", "{\"title\":\"routine: reconcile receivables and inventory\",\"kind\":\"ROUTINE\"}"},
                {"2026-11-28", "{\"title\":\"special communication on negative receivables\",\"kind\":\"SPECIAL\",\"customerId\":\"C-1003\"}"}};
        for (String[] day : days) {
            trees.set(me, team.employee(), "DAY", day[0], week48, "day " + day[0], cny("payment_collection", 10_000), day[1]);
        }

        JsonNode tree = awaitTree(q4, sup, 1 + 3 + 4 + 6);
        StringBuilder printed = new StringBuilder();
        GoalTrees.print(tree, "", printed);
        System.out.println("The seed's goal tree (GET /api/goals/" + q4 + "/tree):\n" + printed);

        assertThat(tree.path("children")).hasSize(3);
        JsonNode q4Payment = tree.path("childSums").get(2);
        assertThat(q4Payment.path("childrenSum").asText()).isEqualTo("780000");
        assertThat(q4Payment.path("gap").asText()).isEqualTo("20000");
        JsonNode nov = tree.path("children").get(1);
        assertThat(nov.path("goal").path("periodKey").asText()).isEqualTo("2026-11");
        assertThat(nov.path("children")).hasSize(4);
        JsonNode w48 = nov.path("children").get(3);
        assertThat(w48.path("children")).hasSize(6);
        assertThat(w48.path("children").get(0).at("/goal/actions/0/customerId").asText()).isEqualTo("C-1001");
        assertThat(printed.toString()).contains("VISIT: on-site visit to the East China agent [customer C-1001]");
    }

    /**
     * A full year: 1 year → 4 quarters → 12 months → every ISO week of 2026 under the month of its Thursday →
     * Monday to Saturday of each week. Prints the tree query's latency; the figure goes to the README.
     */
    @Test
    void a_whole_year_tree_is_answered_in_one_query() throws Exception {
        Team team = registerTeam();
        String me = token(team.employee(), "EMPLOYEE");
        GoalTrees trees = new GoalTrees(api);
        int goals = 0;
        String year = trees.set(me, team.employee(), "YEAR", "2026", null, "2026", cny("payment_collection", 12_000_000), "");
        goals++;
        String[] months = new String[13];
        for (int q = 1; q <= 4; q++) {
            String quarter = trees.set(me, team.employee(), "QUARTER", "2026-Q" + q, year, "Q" + q, cny("payment_collection", 3_000_000), "");
            goals++;
            for (int m = (q - 1) * 3 + 1; m <= q * 3; m++) {
                months[m] = trees.set(me, team.employee(), "MONTH", String.format("2026-%02d", m), quarter, "M" + m,
                        cny("payment_collection", 1_000_000), "");
                goals++;
            }
        }
        int weeks = (int) LocalDate.of(2026, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        for (int w = 1; w <= weeks; w++) {
            LocalDate monday = LocalDate.of(2026, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, w).with(DayOfWeek.MONDAY);
            LocalDate thursday = monday.plusDays(3);
            if (thursday.getYear() != 2026) {
                continue;
            }
            String week = trees.set(me, team.employee(), "WEEK", String.format("2026-W%02d", w), months[thursday.getMonthValue()],
                    "W" + w, cny("payment_collection", 200_000), "");
            goals++;
            for (int d = 0; d < 6; d++) {
                trees.set(me, team.employee(), "DAY", monday.plusDays(d).toString(), week, "day", cny("payment_collection", 30_000), "");
                goals++;
            }
        }
        awaitTree(year, me, goals);

        Histogram latency = new Histogram(3);
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            Api.Reply reply = api.get("/api/goals/" + year + "/tree", me);
            latency.recordValue((System.nanoTime() - start) / 1_000);
            assertThat(reply.status()).isEqualTo(200);
        }
        System.out.printf("tree of %d goals (1 year, 4 quarters, 12 months, %d weeks, %d days) through the gateway, 30 calls: "
                        + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", goals, (goals - 17) / 7, (goals - 17) / 7 * 6,
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(95) / 1000.0, latency.getMaxValue() / 1000.0);
        assertThat(goals).isEqualTo(1 + 4 + 12 + 53 + 53 * 6);
    }
}
