package com.acme.goals.scoring.web;

import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.platform.errors.DomainRuleBroken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodKeysTest {

    @Test
    void a_key_of_a_kind_the_read_answers_is_that_period() {
        assertThat(PeriodKeys.parse("2026-Q4", "the actuals", PeriodKeys.WITH_DAYS).type()).isEqualTo(PeriodType.QUARTER);
        assertThat(PeriodKeys.parse("2026-W48", "a leaderboard", PeriodKeys.WEEK_OR_MONTH).type()).isEqualTo(PeriodType.WEEK);
    }

    @Test
    void a_key_that_is_no_period_is_refused_on_periodKey_naming_the_kinds_answered() {
        assertThatThrownBy(() -> PeriodKeys.parse("last week", "a leaderboard", PeriodKeys.WEEK_OR_MONTH))
                .isInstanceOfSatisfying(DomainRuleBroken.class, e -> assertThat(e.field()).isEqualTo("periodKey"))
                .hasMessageContaining("'last week' is not a month (2026-11) or an ISO week (2026-W48)");
    }

    @Test
    void a_period_of_another_kind_is_refused_naming_the_read() {
        assertThatThrownBy(() -> PeriodKeys.parse("2026-11-24", "a team dashboard", PeriodKeys.WEEK_OR_MONTH))
                .isInstanceOf(DomainRuleBroken.class)
                .hasMessageContaining("a team dashboard can be read for a month (2026-11) or an ISO week (2026-W48), not '2026-11-24'");
        assertThatThrownBy(() -> PeriodKeys.parse("EVENT:G-1", "the actuals", PeriodKeys.WITH_DAYS))
                .isInstanceOf(DomainRuleBroken.class)
                .hasMessageContaining("is not a year (2026), a quarter (2026-Q4), a month (2026-11), an ISO week (2026-W48) or a day (2026-11-26)");
    }
}
