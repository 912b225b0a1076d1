package com.acme.goals.goal.domain;

import com.acme.goals.contracts.goal.MetricDeclared;
import com.acme.goals.contracts.metric.MetricCatalogue;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A typed-in metric an admin declared; its name is its identity, so a name has one unit kind for ever. */
@Aggregate
public class DeclaredMetric {

    @AggregateIdentifier
    private String name;
    private MetricCatalogue.UnitKind unitKind;

    protected DeclaredMetric() {
    }

    /** Created by {@link Metrics}, which first checks the name is free. */
    DeclaredMetric(MetricCommands.DeclareMetric command, Clock clock) {
        apply(new MetricDeclared(command.name(), command.unitKind(), command.description(), command.declaredBy(),
                clock.instant()));
    }

    MetricCatalogue.UnitKind unitKind() {
        return unitKind;
    }

    @EventSourcingHandler
    void on(MetricDeclared event) {
        this.name = event.name();
        this.unitKind = MetricCatalogue.UnitKind.valueOf(event.unitKind());
    }
}
