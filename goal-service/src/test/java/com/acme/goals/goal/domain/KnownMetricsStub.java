package com.acme.goals.goal.domain;

import com.acme.goals.contracts.metric.MetricCatalogue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in catalogue plus a few declared metrics, without an event store behind them. */
final class KnownMetricsStub extends Metrics {

    private final Map<String, MetricCatalogue.UnitKind> declared;

    KnownMetricsStub(Clock clock, Map<String, MetricCatalogue.UnitKind> declared) {
        super(null, () -> List.copyOf(declared.keySet()), clock);
        this.declared = declared;
    }

    KnownMetricsStub(Clock clock) {
        this(clock, Map.of());
    }

    @Override
    public Optional<MetricCatalogue.UnitKind> unitKindOf(String name) {
        return MetricCatalogue.builtIn(name).map(MetricCatalogue.Metric::unitKind).or(() -> Optional.ofNullable(declared.get(name)));
    }
}
