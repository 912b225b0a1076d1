package com.acme.goals.report.domain;

import com.acme.goals.platform.errors.DomainRuleBroken;
import org.junit.jupiter.api.Test;

import com.acme.goals.contracts.period.Period;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTemplateTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final ReportTemplate DAILY = new ReportTemplate("daily", 1, "daily", "SALES_REP", "DAY", "PLAN",
            List.of(new ReportTemplate.Field("visits", "visits", "TABLE", true, null, null,
                            List.of(new ReportTemplate.Column("customerId", "customer", "TEXT"),
                                    new ReportTemplate.Column("amount", "expected amount", "MONEY"))),
                    new ReportTemplate.Field("note", "note", "TEXT", false, null, null, null)),
            new Deadline(null, 0, LocalTime.of(9, 30)), null);

    @Test
    void table_rows_are_checked_against_their_typed_columns() {
        assertThatCode(() -> DAILY.checkValues(Map.of("visits", List.of(Map.of("customerId", "C-1", "amount", "5000.00")))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> DAILY.checkValues(Map.of("visits", List.of(Map.of("customerId", "C-1", "amount", "lots")))))
                .isInstanceOf(DomainRuleBroken.class).hasMessageStartingWith("fields.visits[0].amount: must be a decimal number");
        assertThatThrownBy(() -> DAILY.checkValues(Map.of("visits", List.of(Map.of("colour", "red")))))
                .hasMessageContaining("no column 'colour'");
    }

    @Test
    void a_field_the_template_lacks_is_refused_naming_it() {
        assertThatThrownBy(() -> DAILY.checkValues(Map.of("mood", "good"))).hasMessageContaining("no field 'mood'");
    }

    @Test
    void a_daily_schedule_belongs_on_a_week_template() {
        ReportTemplate bad = new ReportTemplate("x", 0, "x", "R", "DAY", "PLAN",
                List.of(new ReportTemplate.Field("plan", "plan", "DAILY_SCHEDULE", true, null, null, null)),
                new Deadline(null, 0, LocalTime.NOON), null);
        assertThatThrownBy(bad::checked).hasMessageStartingWith("fields[0].type: a DAILY_SCHEDULE belongs on a WEEK template");
    }

    private static ReportTemplate withSource(String metric, String unit) {
        return new ReportTemplate("w", 0, "w", "R", "WEEK", "PLAN",
                List.of(new ReportTemplate.Field("actual", "actual", "MONEY", false, null,
                        new ReportTemplate.Source(metric, unit, "PREVIOUS"), null)),
                new Deadline(null, 0, LocalTime.NOON), null);
    }

    @Test
    void a_source_must_be_a_metric_the_crm_feeds_in_a_unit_it_takes() {
        assertThatCode(() -> withSource("payment_collection", "CNY").checked()).doesNotThrowAnyException();
        assertThatThrownBy(() -> withSource("payment_colection", "CNY").checked())
                .hasMessageStartingWith("fields[0].source.metric: 'payment_colection' is not a metric the CRM feeds")
                .hasMessageContaining("closest: payment_collection");
        // typed in, never fed by the CRM: a source on it would read 0 for ever
        assertThatThrownBy(() -> withSource("assessment_amount", "CNY").checked())
                .hasMessageStartingWith("fields[0].source.metric: 'assessment_amount' is not a metric the CRM feeds");
        assertThatThrownBy(() -> withSource("visits", "CNY").checked())
                .hasMessageStartingWith("fields[0].source.unit: 'CNY' does not fit visits, a COUNT metric");
    }

    @Test
    void the_seed_templates_are_valid() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        try (var in = getClass().getResourceAsStream("/seed/templates.json")) {
            List<ReportTemplate> seeds = json.readValue(in, new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
            seeds.forEach(ReportTemplate::checked);
            org.assertj.core.api.Assertions.assertThat(seeds).extracting(ReportTemplate::templateId)
                    .containsExactly("channel-manager-weekly", "sales-rep-daily");
        }
    }

    @Test
    void a_form_is_expected_from_the_joining_day_until_leaving_and_never_on_sundays() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        java.time.LocalDate joined = java.time.LocalDate.of(2026, 11, 18); // a Wednesday
        var wednesday = com.acme.goals.contracts.period.Period.day(joined);
        org.assertj.core.api.Assertions.assertThat(DAILY.expects("SALES_REP", shanghai, joined, null, wednesday)).isTrue();
        org.assertj.core.api.Assertions.assertThat(DAILY.expects("SALES_REP", shanghai, joined, null,
                com.acme.goals.contracts.period.Period.day(joined.minusDays(1)))).as("before joining").isFalse();
        org.assertj.core.api.Assertions.assertThat(DAILY.expects("SALES_REP", shanghai, joined, null,
                com.acme.goals.contracts.period.Period.day(joined.plusDays(4)))).as("Sunday").isFalse();
        org.assertj.core.api.Assertions.assertThat(DAILY.expects("CHANNEL_MANAGER", shanghai, joined, null, wednesday))
                .as("another role").isFalse();
        java.time.Instant dueWednesday = java.time.ZonedDateTime.of(joined, LocalTime.of(9, 30), shanghai).toInstant();
        org.assertj.core.api.Assertions.assertThat(DAILY.expects("SALES_REP", shanghai, joined, dueWednesday.plusSeconds(1), wednesday))
                .as("left after the deadline").isTrue();
        org.assertj.core.api.Assertions.assertThat(DAILY.expects("SALES_REP", shanghai, joined, dueWednesday, wednesday))
                .as("left at the deadline").isFalse();
    }

    @Test
    void a_form_is_owed_from_the_later_of_joining_and_the_day_the_template_took_effect() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        java.time.LocalDate joined = java.time.LocalDate.of(2026, 10, 1);
        java.time.LocalDate effective = java.time.LocalDate.of(2026, 12, 2);
        ReportTemplate adopted = DAILY.withEffectiveFrom(effective);
        org.assertj.core.api.Assertions.assertThat(adopted.owedFrom(joined)).isEqualTo(effective);
        org.assertj.core.api.Assertions.assertThat(adopted.owedFrom(effective.plusDays(5))).isEqualTo(effective.plusDays(5));
        org.assertj.core.api.Assertions.assertThat(DAILY.owedFrom(joined)).as("no effective day: since joining").isEqualTo(joined);
        var dayBefore = com.acme.goals.contracts.period.Period.day(effective.minusDays(1));
        org.assertj.core.api.Assertions.assertThat(adopted.expects("SALES_REP", shanghai, joined, null, dayBefore))
                .as("before the template took effect").isFalse();
        org.assertj.core.api.Assertions.assertThat(DAILY.expects("SALES_REP", shanghai, joined, null, dayBefore)).isTrue();
        org.assertj.core.api.Assertions.assertThat(adopted.expects("SALES_REP", shanghai, joined, null,
                com.acme.goals.contracts.period.Period.day(effective))).isTrue();
    }

    // fixed instants: these are calendar arithmetic on a given moment, not on today's date
    @Test
    void a_template_stored_after_a_deadline_of_the_day_does_not_owe_that_day() {
        // 11:36 on 4 December in Shanghai: the day's 09:30 daily report was due two hours before the form existed
        Instant stored = Instant.parse("2026-12-04T03:36:00Z");
        LocalDate day = DAILY.effectiveFromIfStoredAt(stored);
        assertThat(day).isEqualTo(LocalDate.of(2026, 12, 5));
        ReportTemplate adopted = DAILY.withEffectiveFrom(day);
        Period thatMorning = Period.day(LocalDate.of(2026, 12, 4));
        assertThat(adopted.deadline().dueAt(thatMorning, SHANGHAI)).isBefore(stored);
        assertThat(adopted.expects("SALES_REP", SHANGHAI, LocalDate.of(2026, 1, 5), null, thatMorning)).isFalse();
        assertThat(adopted.expects("SALES_REP", SHANGHAI, LocalDate.of(2026, 1, 5), null, Period.day(day))).isTrue();
    }

    @Test
    void a_template_stored_before_any_deadline_of_the_day_owes_that_day() {
        // 07:00 on 4 December where the calendar is furthest ahead, 21:00 the day before in Shanghai
        Instant stored = Instant.parse("2026-12-03T13:00:00Z");
        LocalDate day = DAILY.effectiveFromIfStoredAt(stored);
        assertThat(day).isEqualTo(LocalDate.of(2026, 12, 4));
        Period nextMorning = Period.day(day);
        assertThat(DAILY.deadline().dueAt(nextMorning, SHANGHAI)).isAfter(stored);
        assertThat(DAILY.withEffectiveFrom(day).expects("SALES_REP", SHANGHAI, LocalDate.of(2026, 1, 5), null, nextMorning)).isTrue();
    }

    @Test
    void a_weekly_form_stored_midweek_owes_the_next_week_and_not_the_one_already_due() {
        ReportTemplate weekly = new ReportTemplate("weekly", 1, "weekly", "SALES_REP", "WEEK", "PLAN",
                List.of(new ReportTemplate.Field("note", "note", "TEXT", true, null, null, null)),
                new Deadline(DayOfWeek.MONDAY, 0, LocalTime.of(10, 0)), null);
        Instant wednesday = Instant.parse("2026-12-02T02:00:00Z");
        LocalDate day = weekly.effectiveFromIfStoredAt(wednesday);
        assertThat(day).isEqualTo(LocalDate.of(2026, 12, 2));
        ReportTemplate adopted = weekly.withEffectiveFrom(day);
        assertThat(adopted.expects("SALES_REP", SHANGHAI, LocalDate.of(2026, 1, 5), null, Period.weekOf(day))).isFalse();
        assertThat(adopted.expects("SALES_REP", SHANGHAI, LocalDate.of(2026, 1, 5), null, Period.weekOf(day).next())).isTrue();
    }
}
