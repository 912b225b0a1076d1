package com.acme.goals.contracts.period;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {

    @Test
    void iso_week_48_of_2026_runs_monday_23_to_sunday_29_november() {
        Period week = Period.parse(PeriodType.WEEK, "2026-W48");
        assertThat(week.firstDay()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(week.lastDay()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(Period.weekOf(LocalDate.of(2026, 11, 26))).isEqualTo(week);
    }

    @Test
    void a_week_belongs_to_the_month_that_contains_its_thursday() {
        // 2026-W49 runs 30 Nov – 6 Dec; its Thursday is 3 December
        Period week = Period.parse("2026-W49");
        assertThat(week.owningMonth()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(Period.parse("2026-12").contains(week)).isTrue();
        assertThat(Period.parse("2026-11").contains(week)).isFalse();
    }

    @Test
    void the_first_days_of_january_can_lie_in_the_previous_years_last_week() {
        assertThat(Period.weekOf(LocalDate.of(2027, 1, 1)).key()).isEqualTo("2026-W53");
    }

    @Test
    void keys_are_padded_as_the_format_patterns_say_for_years_of_every_length() {
        for (int year : new int[]{-5, 1, 9, 10, 999, 1000, 2026, 9999, 10000, 123456}) {
            assertThat(Period.year(year).key()).isEqualTo(String.format("%04d", year));
            assertThat(Period.quarter(year, 3).key()).isEqualTo(String.format("%04d-Q%d", year, 3));
            for (int week = 1; week <= 52; week++) {
                assertThat(Period.week(year, week).key()).isEqualTo(String.format("%04d-W%02d", year, week));
            }
        }
    }

    @Test
    void a_key_that_does_not_parse_is_refused_naming_the_key() {
        assertThatThrownBy(() -> Period.parse(PeriodType.WEEK, "2026-W60"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-W60");
        assertThatThrownBy(() -> Period.parse(PeriodType.MONTH, "2026-13"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-13");
        assertThatThrownBy(() -> Period.parse(PeriodType.DAY, "26.11.2026"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("26.11.2026");
    }

    @Test
    void every_day_of_2020_to_2030_lies_in_exactly_the_week_and_month_it_should() {
        for (LocalDate d = LocalDate.of(2020, 1, 1); d.isBefore(LocalDate.of(2031, 1, 1)); d = d.plusDays(1)) {
            Period week = Period.weekOf(d);
            assertThat(week.includesDay(d)).as("week of %s", d).isTrue();
            assertThat(Period.parse(week.key())).isEqualTo(week);
            assertThat(Period.month(YearMonth.from(d)).includesDay(d)).isTrue();
            assertThat(Period.parse(week.owningMonth().toString()).contains(week)).isTrue();
        }
    }

    @Test
    void every_week_of_2020_to_2030_lies_in_exactly_one_month_and_in_its_quarter_and_year() {
        for (int year = 2020; year <= 2030; year++) {
            long weeks = LocalDate.of(year, 6, 1).range(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
            for (int w = 1; w <= weeks; w++) {
                Period week = Period.week(year, w);
                int containing = 0;
                for (int y = year - 1; y <= year + 1; y++) {
                    for (int m = 1; m <= 12; m++) {
                        if (Period.month(YearMonth.of(y, m)).contains(week)) {
                            containing++;
                        }
                    }
                }
                assertThat(containing).as("months containing %s", week).isEqualTo(1);
                YearMonth month = week.owningMonth();
                Period quarter = Period.quarter(month.getYear(), (month.getMonthValue() - 1) / 3 + 1);
                assertThat(quarter.contains(week)).as("quarter of %s", week).isTrue();
                assertThat(Period.year(month.getYear()).contains(week)).isTrue();
                for (LocalDate d = week.firstDay(); !d.isAfter(week.lastDay()); d = d.plusDays(1)) {
                    assertThat(week.contains(Period.day(d))).isTrue();
                }
                assertThat(week.contains(Period.day(week.lastDay().plusDays(1)))).isFalse();
            }
        }
    }

    @Test
    void finer_types_are_finer_and_event_is_finest() {
        assertThat(PeriodType.DAY.isFinerThan(PeriodType.WEEK)).isTrue();
        assertThat(PeriodType.WEEK.isFinerThan(PeriodType.MONTH)).isTrue();
        assertThat(PeriodType.MONTH.isFinerThan(PeriodType.MONTH)).isFalse();
        assertThat(PeriodType.EVENT.isFinerThan(PeriodType.DAY)).isTrue();
    }

    @Test
    void the_previous_period_of_the_first_week_of_a_year_is_the_last_week_of_the_year_before() {
        assertThat(Period.parse("2027-W01").previous().key()).isEqualTo("2026-W53");
        assertThat(Period.parse("2026-W48").previous().key()).isEqualTo("2026-W47");
        assertThat(Period.parse("2026-01").previous().key()).isEqualTo("2025-12");
        assertThat(Period.parse("2026-Q1").previous().key()).isEqualTo("2025-Q4");
        assertThat(Period.parse("2026-03-01").previous().key()).isEqualTo("2026-02-28");
    }

    @Test
    void the_next_period_of_the_last_week_of_a_year_is_the_first_week_of_the_next() {
        assertThat(Period.parse("2026-W53").next().key()).isEqualTo("2027-W01");
        assertThat(Period.parse("2026-12").next().key()).isEqualTo("2027-01");
        assertThat(Period.parse("2026-Q4").next().key()).isEqualTo("2027-Q1");
        assertThat(Period.parse("2028-02-28").next().key()).isEqualTo("2028-02-29");
        assertThat(Period.containing(PeriodType.WEEK, java.time.LocalDate.of(2027, 1, 3)).key()).isEqualTo("2026-W53");
    }

    @Test
    void a_month_owns_the_weeks_whose_thursday_it_contains() {
        assertThat(Period.weeksOf(java.time.YearMonth.of(2026, 11)).stream().map(Period::key))
                .containsExactly("2026-W45", "2026-W46", "2026-W47", "2026-W48");
        // 1 Oct 2026 is a Thursday: W40 is October's although it starts in September; W44 (Thu 29 Oct) too
        assertThat(Period.weeksOf(java.time.YearMonth.of(2026, 10)).stream().map(Period::key))
                .containsExactly("2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44");
        for (int year = 2020; year <= 2030; year++) {
            int weeks = 0;
            for (int m = 1; m <= 12; m++) {
                for (Period week : Period.weeksOf(java.time.YearMonth.of(year, m))) {
                    assertThat(week.owningMonth()).isEqualTo(java.time.YearMonth.of(year, m));
                    weeks++;
                }
            }
            assertThat(weeks).as("weeks owned by the months of " + year).isBetween(52, 53);
        }
    }
}
