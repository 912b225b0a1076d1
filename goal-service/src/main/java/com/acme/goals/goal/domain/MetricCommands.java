package com.acme.goals.goal.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on the metric catalogue. */
public final class MetricCommands {

    public record DeclareMetric(@TargetAggregateIdentifier String name, String unitKind, String description,
                                String declaredBy) {
    }

    private MetricCommands() {
    }
}
