package com.acme.goals.platform.messaging;

import com.acme.goals.contracts.DomainEvent;
import com.acme.goals.contracts.EventTypes;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.MetricDelta;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the relay really publishes matches the JSON Schemas that partners read in contracts. */
class PublishedSchemasTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final CloudEventCodec codec = new CloudEventCodec(mapper);
    private static final Instant AT = Instant.parse("2026-11-26T02:00:00Z");

    private Set<ValidationMessage> validate(DomainEvent event) throws Exception {
        String type = EventTypes.byClass(event.getClass()).orElseThrow().name();
        try (InputStream schema = getClass().getResourceAsStream("/schemas/" + type + ".schema.json")) {
            assertThat(schema).as("schema of " + type).isNotNull();
            JsonSchema jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            // the data as written on the topic, not as read back into the record
            return jsonSchema.validate(mapper.readTree(codec.encode(event, "id-1", "s", AT, 0L)).get("data"));
        }
    }

    @Test
    void every_published_type_has_a_schema() {
        for (EventTypes.EventType type : EventTypes.all()) {
            assertThat(getClass().getResource("/schemas/" + type.name() + ".schema.json")).as(type.name()).isNotNull();
        }
    }

    @Test
    void employee_registered_matches_its_schema() throws Exception {
        assertThat(validate(new EmployeeRegistered("E-042", "n", "CHANNEL_MANAGER", null, "Asia/Shanghai", "E-001", AT))).isEmpty();
    }

    @Test
    void goal_set_matches_its_schema_with_money_as_decimal_strings() throws Exception {
        GoalSet event = new GoalSet("G-1", "E-042", "WEEK", "2026-W48", null, "t",
                List.of(new NumericTarget("payment_collection", new BigDecimal("100000.00"), "CNY")),
                List.of(new PlannedAction("A-1", "visit", "VISIT", LocalDate.of(2026, 11, 24), "C-1")), "E-100", AT);
        assertThat(validate(event)).isEmpty();
    }

    @Test
    void activity_recorded_matches_its_schema() throws Exception {
        ActivityRecorded event = new ActivityRecorded("a-1", "urn:acme:crm-core", "crm-1", "crm.payment.received", "E-042",
                "C-1", "payment/P-1", AT, "Asia/Shanghai", LocalDate.of(2026, 11, 26), "2026-W48", "2026-11",
                List.of(new MetricDelta("payment_collection", new BigDecimal("25000.00"), "CNY")));
        assertThat(validate(event)).isEmpty();
    }

    @Test
    void customer_linked_matches_its_schema_with_or_without_an_action() throws Exception {
        assertThat(validate(new com.acme.goals.contracts.crm.CustomerLinked("L-1", "G-1", null, "C-1", "E-042", "WEEK",
                "2026-W48", "E-042", AT))).isEmpty();
        assertThat(validate(new com.acme.goals.contracts.crm.CustomerLinked("L-2", "G-1", "A-1", "C-1", "E-042", "EVENT",
                null, "E-042", AT))).isEmpty();
    }

    @Test
    void week_scores_and_monthly_totals_match_their_schemas() throws Exception {
        var inputs = new com.acme.goals.contracts.scoring.WeekScored.Inputs(List.of(new com.acme.goals.contracts.scoring.WeekScored
                .MetricResult("payment_collection", "CNY", new BigDecimal("100000"), new BigDecimal("80000.00"))), 6, 3, 0, 1, 0, 90);
        var parts = new com.acme.goals.contracts.scoring.WeekScored.Parts(new BigDecimal("80.00"), new BigDecimal("50.00"), null,
                new BigDecimal("90.00"));
        assertThat(validate(new com.acme.goals.contracts.scoring.WeekScored("E-042", "2026-W47", "2026-11", 1, 1, parts,
                new BigDecimal("76.25"), inputs, "ok", "scored", "E-100", AT))).isEmpty();
        assertThat(validate(new com.acme.goals.contracts.scoring.MonthlyBehaviorTotaled("E-042", "2026-11", 1, 1,
                new BigDecimal("19.06"), new BigDecimal("0.50"), List.of(
                new com.acme.goals.contracts.scoring.MonthlyBehaviorTotaled.WeekInMonth("2026-W45", "MISSING", new BigDecimal("0.00")),
                new com.acme.goals.contracts.scoring.MonthlyBehaviorTotaled.WeekInMonth("2026-W46", "EXCUSED", null)), AT))).isEmpty();
    }

    @Test
    void issue_16s_events_match_their_schemas() throws Exception {
        var tiers = new NumericTarget("payment_collection", new BigDecimal("100000"), "CNY", new BigDecimal("120000"),
                new BigDecimal("150000"));
        assertThat(validate(new GoalSet("G-1", "E-042", "WEEK", "2026-W49", null, "t", List.of(tiers,
                new NumericTarget("agent_trainings", new BigDecimal("2"), "count")), List.of(), "E-100", AT))).isEmpty();
        assertThat(validate(new com.acme.goals.contracts.goal.GoalRevised("G-1", "E-042", List.of(), List.of(tiers), "r", "E-100", AT)))
                .isEmpty();
        assertThat(validate(new com.acme.goals.contracts.goal.MetricDeclared("agent_trainings", "COUNT", "d", "E-001", AT))).isEmpty();
        assertThat(validate(new ActivityRecorded("a-1", "urn:acme:crm-core", "crm-1", "crm.payment.received", "E-042",
                "C-1", "payment/P-17", AT, "Asia/Shanghai", LocalDate.of(2026, 12, 1), "2026-W49", "2026-12",
                List.of(new MetricDelta("payment_collection", new BigDecimal("25000.00"), "CNY")), null, "paymentId", "P-17",
                "payment/17"))).isEmpty();
        assertThat(validate(new com.acme.goals.contracts.report.ReminderDue("S-1", "E-042", "t", "2026-W49", AT, AT))).isEmpty();
        assertThat(validate(new com.acme.goals.contracts.report.MissingEscalated("S-1", "E-042", "t", "2026-W49", AT, 2, null, AT)))
                .isEmpty();
        assertThat(validate(new com.acme.goals.contracts.scoring.MilestoneReached("G-1", "E-042", "2026-W49", "payment_collection",
                "CNY", 90, new BigDecimal("100000"), new BigDecimal("95000.00"), List.of("E-042", "E-100"), AT))).isEmpty();
        assertThat(validate(new com.acme.goals.contracts.scoring.LeaderboardOpened("E-100", "METRIC", "payment_collection", "E-100", AT)))
                .isEmpty();
        assertThat(validate(new com.acme.goals.contracts.scoring.LeaderboardClosed("E-100", "E-100", AT))).isEmpty();
        var inputs = new com.acme.goals.contracts.scoring.WeekScored.Inputs(List.of(new com.acme.goals.contracts.scoring.WeekScored
                .MetricResult("payment_collection", "CNY", new BigDecimal("100000"), new BigDecimal("125000.00"),
                new BigDecimal("120000"), null)), 0, 0, 0, 0, 0, 80);
        assertThat(validate(new com.acme.goals.contracts.scoring.WeekScored("E-042", "2026-W49", "2026-12", 1, 3,
                new com.acme.goals.contracts.scoring.WeekScored.Parts(new BigDecimal("110.00"), null, null, new BigDecimal("80.00")),
                new BigDecimal("95.00"), inputs, null, "scored", "E-100", AT))).isEmpty();
    }

    @Test
    void a_float_amount_would_break_the_schema() throws Exception {
        try (InputStream schema = getClass().getResourceAsStream("/schemas/crm.ActivityRecorded.schema.json")) {
            JsonSchema jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            var bad = mapper.readTree("""
                    {"activityId":"a","inboundSource":"s","inboundId":"i","inboundType":"crm.x","ownerId":"o","recordRef":"r",
                     "occurredAt":"2026-11-26T02:00:00Z","timeZone":"UTC","day":"2026-11-26","isoWeek":"2026-W48","month":"2026-11",
                     "deltas":[{"metric":"m","amount":25000.5,"unit":"CNY"}]}""");
            assertThat(jsonSchema.validate(bad)).isNotEmpty();
        }
    }
}
