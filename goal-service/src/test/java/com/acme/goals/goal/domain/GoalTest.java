package com.acme.goals.goal.domain;

import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

class GoalTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** E-042 reports to E-100, who reports to E-001; E-777 is in another line. */
    static final class ChartStub extends OrgDirectory {
        private final Map<String, List<String>> chains = Map.of(
                "E-042", List.of("E-100", "E-001"), "E-100", List.of("E-001"), "E-001", List.of(), "E-777", List.of());

        ChartStub() {
            super(null, null, CLOCK);
        }

        @Override
        public boolean exists(String employeeId) {
            return chains.containsKey(employeeId);
        }

        @Override
        public boolean isActive(String employeeId) {
            return exists(employeeId);
        }

        @Override
        public List<String> chainAbove(String employeeId) {
            return chains.get(employeeId);
        }
    }

    private AggregateTestFixture<Goal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Goal.class);
        fixture.registerAnnotatedCommandHandler(new GoalPlanning(fixture.getRepository(), new ChartStub(), new KnownMetricsStub(CLOCK, Map.of("agent_trainings", com.acme.goals.contracts.metric.MetricCatalogue.UnitKind.COUNT)), CLOCK, false));
    }

    private static GoalCommands.SetGoal week(String setBy, List<NumericTarget> targets, List<PlannedAction> actions) {
        return new GoalCommands.SetGoal("G-1", "E-042", "WEEK", "2026-W48", null, "week 48", targets, actions, setBy, false);
    }

    private static NumericTarget target(String metric, String value) {
        return new NumericTarget(metric, new BigDecimal(value), "CNY");
    }

    @Test
    void the_owner_sets_a_week_goal_with_a_numeric_target() {
        List<NumericTarget> targets = List.of(target("payment_collection", "100000"));
        fixture.givenNoPriorActivity()
                .when(week("E-042", targets, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new GoalSet("G-1", "E-042", "WEEK", "2026-W48", null, "week 48", targets, List.of(), "E-042", NOW));
    }

    @Test
    void a_supervisor_above_the_owner_may_set_the_goal_for_them() {
        fixture.givenNoPriorActivity()
                .when(week("E-001", List.of(), List.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void someone_outside_the_reporting_line_may_not_set_the_goal() {
        fixture.givenNoPriorActivity()
                .when(week("E-777", List.of(), List.of()))
                .expectException(NotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void contract_task_must_exceed_assessment_task() {
        fixture.givenNoPriorActivity()
                .when(week("E-042", List.of(target("contract_amount", "500000"), target("assessment_amount", "500000")), List.of()))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage("the contract task (contract_amount 500000) must be greater than the assessment task (assessment_amount 500000)");
    }

    @Test
    void a_period_key_that_does_not_parse_is_refused_naming_it() {
        fixture.givenNoPriorActivity()
                .when(new GoalCommands.SetGoal("G-1", "E-042", "WEEK", "2026-11", null, "t", List.of(), List.of(), "E-042", false))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("2026-11"));
    }

    @Test
    void a_customer_related_action_must_name_a_customer() {
        PlannedAction visit = new PlannedAction("A-1", "visit the agent", "VISIT", null, null);
        fixture.givenNoPriorActivity()
                .when(week("E-042", List.of(), List.of(visit)))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("customer"));
    }

    @Test
    void a_negative_target_is_refused() {
        fixture.givenNoPriorActivity()
                .when(week("E-042", List.of(target("payment_collection", "-1")), List.of()))
                .expectException(DomainRuleBroken.class);
    }

    @Test
    void a_goal_for_an_unregistered_owner_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new GoalCommands.SetGoal("G-1", "E-404", "WEEK", "2026-W48", null, "t", List.of(), List.of(), "E-404", false))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage("owner E-404 is not registered");
    }
    @Test
    void a_metric_the_catalogue_does_not_know_is_refused_with_the_closest_names() {
        fixture.givenNoPriorActivity()
                .when(week("E-042", List.of(target("payment_colection", "100000")), List.of()))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("metric 'payment_colection' is not in the catalogue"),
                        org.hamcrest.Matchers.containsString("closest: payment_collection")));
    }

    @Test
    void a_unit_that_does_not_fit_the_metric_is_refused_on_the_unit() {
        fixture.givenNoPriorActivity()
                .when(week("E-042", List.of(new NumericTarget("new_customers", new BigDecimal("5"), "CNY")), List.of()))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("unit 'CNY' does not fit new_customers, a COUNT metric"));
        fixture.givenNoPriorActivity()
                .when(week("E-042", List.of(new NumericTarget("payment_collection", new BigDecimal("5"), "count")), List.of()))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("an ISO 4217 currency"));
    }

    @Test
    void a_declared_metric_is_accepted_in_its_unit() {
        List<NumericTarget> targets = List.of(new NumericTarget("agent_trainings", new BigDecimal("3"), "count"));
        fixture.givenNoPriorActivity()
                .when(week("E-042", targets, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new GoalSet("G-1", "E-042", "WEEK", "2026-W48", null, "week 48", targets, List.of(), "E-042", NOW));
    }

    @Test
    void a_goal_stored_with_a_name_outside_the_catalogue_still_replays_and_is_revised_onto_a_known_one() {
        List<NumericTarget> old = List.of(target("payment_colection", "100000"));
        List<NumericTarget> fixed = List.of(target("payment_collection", "100000"));
        fixture.given(new GoalSet("G-1", "E-042", "WEEK", "2026-W48", null, "week 48", old, List.of(), "E-042", NOW))
                .when(new GoalCommands.ReviseGoal("G-1", null, fixed, "typo in the metric", "E-042", false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new com.acme.goals.contracts.goal.GoalRevised("G-1", "E-042", old, fixed, "typo in the metric", "E-042", NOW));
    }
}
