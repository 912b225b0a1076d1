package com.acme.goals.scoring.domain;

import com.acme.goals.contracts.scoring.WeekScored;
import com.acme.goals.platform.errors.DomainRuleBroken;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeekScoringTest {

    private static final Rubric DEFAULT = Rubric.defaults();

    static WeekScored.MetricResult metric(String metric, String target, String actual) {
        return new WeekScored.MetricResult(metric, "CNY", new BigDecimal(target), new BigDecimal(actual));
    }

    static WeekScored.Inputs inputs(List<WeekScored.MetricResult> metrics, int planned, int completed, int onTime, int late,
                                    int missing, int rating) {
        return new WeekScored.Inputs(metrics, planned, completed, onTime, late, missing, rating);
    }

    @Test
    void each_part_is_weighed_by_the_default_rubric() {
        // numeric 80%, actions 3/4, timeliness 1 on time of 1, behaviour 90
        WeekScoring.Scored s = WeekScoring.score(DEFAULT, inputs(List.of(metric("payment_collection", "100000", "80000")),
                4, 3, 1, 0, 0, 90));
        assertThat(s.parts().numeric()).isEqualByComparingTo("80");
        assertThat(s.parts().actions()).isEqualByComparingTo("75");
        assertThat(s.parts().timeliness()).isEqualByComparingTo("100");
        assertThat(s.parts().behavior()).isEqualByComparingTo("90");
        // 0.5*80 + 0.2*75 + 0.1*100 + 0.2*90 = 40 + 15 + 10 + 18
        assertThat(s.total()).isEqualByComparingTo("83.00");
    }

    @Test
    void a_metric_beyond_its_target_earns_no_more_than_the_cap() {
        WeekScored.Inputs in = inputs(List.of(metric("payment_collection", "100000", "250000"), metric("new_customers", "4", "2")),
                0, 0, 0, 0, 0, 50);
        assertThat(WeekScoring.score(DEFAULT, in).parts().numeric()).isEqualByComparingTo("75"); // (100 + 50) / 2, not (250 + 50) / 2
        Rubric generous = new Rubric(2, 50, 20, 10, 20, new BigDecimal("1.20"), new BigDecimal("0.5"), DEFAULT.payBands(), "a", null);
        assertThat(WeekScoring.score(generous, in).parts().numeric()).isEqualByComparingTo("85"); // (120 + 50) / 2
    }

    @Test
    void a_rubric_with_tier_credit_lifts_a_metric_that_reached_its_stretch_or_challenge_level() {
        WeekScored.MetricResult stretched = new WeekScored.MetricResult("payment_collection", "CNY", new BigDecimal("100000"),
                new BigDecimal("125000"), new BigDecimal("120000"), new BigDecimal("150000"));
        WeekScored.MetricResult challenged = new WeekScored.MetricResult("payment_collection", "CNY", new BigDecimal("100000"),
                new BigDecimal("150000"), new BigDecimal("120000"), new BigDecimal("150000"));
        WeekScored.MetricResult below = new WeekScored.MetricResult("payment_collection", "CNY", new BigDecimal("100000"),
                new BigDecimal("90000"), new BigDecimal("120000"), new BigDecimal("150000"));
        Rubric tiers = new Rubric(3, 50, 20, 10, 20, new BigDecimal("1.00"), new BigDecimal("0.5"), DEFAULT.payBands(), "a", null,
                new BigDecimal("1.10"), new BigDecimal("1.25"));
        tiers.check();
        assertThat(WeekScoring.score(DEFAULT, inputs(List.of(stretched), 0, 0, 0, 0, 0, 50)).parts().numeric())
                .as("the default rubric gives no tier credit: past scores keep theirs").isEqualByComparingTo("100");
        assertThat(WeekScoring.score(tiers, inputs(List.of(stretched), 0, 0, 0, 0, 0, 50)).parts().numeric()).isEqualByComparingTo("110");
        assertThat(WeekScoring.score(tiers, inputs(List.of(challenged), 0, 0, 0, 0, 0, 50)).parts().numeric()).isEqualByComparingTo("125");
        assertThat(WeekScoring.score(tiers, inputs(List.of(below), 0, 0, 0, 0, 0, 50)).parts().numeric()).isEqualByComparingTo("90");
        assertThatThrownBy(() -> new Rubric(3, 50, 20, 10, 20, BigDecimal.ONE, BigDecimal.ZERO, DEFAULT.payBands(), null, null,
                new BigDecimal("1.30"), new BigDecimal("1.20")).check())
                .satisfies(e -> assertThat(((DomainRuleBroken) e).field()).isEqualTo("challengeCredit"));
    }

    @Test
    void a_late_report_earns_the_late_credit_and_a_missing_one_nothing() {
        WeekScoring.Scored s = WeekScoring.score(DEFAULT, inputs(List.of(), 0, 0, 2, 1, 1, 80));
        assertThat(s.parts().timeliness()).isEqualByComparingTo("62.50"); // (2 + 0.5) / 4
    }

    @Test
    void parts_that_did_not_apply_are_left_out_and_the_rest_weighed_among_themselves() {
        WeekScoring.Scored s = WeekScoring.score(DEFAULT, inputs(List.of(), 0, 0, 1, 0, 0, 70));
        assertThat(s.parts().numeric()).isNull();
        assertThat(s.parts().actions()).isNull();
        // (10*100 + 20*70) / 30
        assertThat(s.total()).isEqualByComparingTo("80.00");
        WeekScoring.Scored zeroTarget = WeekScoring.score(DEFAULT, inputs(List.of(metric("visits", "0", "3")), 0, 0, 0, 0, 0, 70));
        assertThat(zeroTarget.parts().numeric()).isNull();
        assertThat(zeroTarget.total()).isEqualByComparingTo("70.00");
    }

    @Test
    void the_pay_factor_is_the_highest_band_reached() {
        assertThat(DEFAULT.payFactor(new BigDecimal("95"))).isEqualByComparingTo("1.20");
        assertThat(DEFAULT.payFactor(new BigDecimal("90.00"))).isEqualByComparingTo("1.20");
        assertThat(DEFAULT.payFactor(new BigDecimal("89.99"))).isEqualByComparingTo("1.00");
        assertThat(DEFAULT.payFactor(new BigDecimal("0"))).isEqualByComparingTo("0.50");
    }

    @Test
    void a_rubric_whose_weights_do_not_add_up_or_without_a_floor_band_is_refused_naming_the_field() {
        assertThatThrownBy(() -> new Rubric(0, 50, 20, 10, 10, BigDecimal.ONE, BigDecimal.ZERO, DEFAULT.payBands(), null, null).check())
                .isInstanceOf(DomainRuleBroken.class).hasMessageContaining("must be 100, not 90")
                .satisfies(e -> assertThat(((DomainRuleBroken) e).field()).isEqualTo("weights"));
        assertThatThrownBy(() -> new Rubric(0, 50, 20, 10, 20, BigDecimal.ONE, BigDecimal.ZERO,
                List.of(new Rubric.PayBand(new BigDecimal("60"), BigDecimal.ONE)), null, null).check())
                .satisfies(e -> assertThat(((DomainRuleBroken) e).field()).isEqualTo("payBands"));
        assertThatThrownBy(() -> new Rubric(0, 50, 20, 10, 20, new BigDecimal("0.9"), BigDecimal.ZERO, DEFAULT.payBands(), null, null).check())
                .satisfies(e -> assertThat(((DomainRuleBroken) e).field()).isEqualTo("metricCap"));
    }
}
