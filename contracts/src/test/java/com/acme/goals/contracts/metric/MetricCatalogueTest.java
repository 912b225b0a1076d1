package com.acme.goals.contracts.metric;

import com.acme.goals.contracts.crm.ActivityCatalogue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricCatalogueTest {

    @Test
    void every_metric_an_inbound_type_feeds_is_in_the_catalogue_with_that_type() {
        for (String type : ActivityCatalogue.types()) {
            ActivityCatalogue.Kind kind = ActivityCatalogue.of(type).orElseThrow();
            if (kind.amountMetric() != null) {
                MetricCatalogue.Metric m = MetricCatalogue.builtIn(kind.amountMetric()).orElseThrow();
                assertThat(m.unitKind()).isEqualTo(MetricCatalogue.UnitKind.MONEY);
                assertThat(m.fedBy()).contains(type);
            }
            kind.countMetrics().forEach(c -> assertThat(MetricCatalogue.builtIn(c).orElseThrow().fedBy()).contains(type));
        }
        assertThat(MetricCatalogue.builtIn("assessment_amount").orElseThrow().source()).isEqualTo(MetricCatalogue.Source.TYPED_IN);
        assertThat(MetricCatalogue.builtIn("payment_colection")).isEmpty();
    }

    @Test
    void units_follow_the_kind() {
        assertThat(MetricCatalogue.UnitKind.MONEY.accepts("CNY")).isTrue();
        assertThat(MetricCatalogue.UnitKind.MONEY.accepts("cny")).isFalse();
        assertThat(MetricCatalogue.UnitKind.MONEY.accepts("XYZ")).isFalse();
        assertThat(MetricCatalogue.UnitKind.MONEY.accepts("count")).isFalse();
        assertThat(MetricCatalogue.UnitKind.COUNT.accepts("count")).isTrue();
        assertThat(MetricCatalogue.UnitKind.COUNT.accepts("CNY")).isFalse();
    }

    @Test
    void the_closest_names_come_first() {
        assertThat(MetricCatalogue.closest("payment_colection", List.of("visits", "payment_collection", "calls", "sales_amount")))
                .startsWith("payment_collection").hasSize(3);
        assertThat(MetricCatalogue.closest("vists", List.of("visits", "calls"))).containsExactly("visits", "calls");
    }
}
