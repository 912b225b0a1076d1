package com.acme.goals.contracts.goal;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;

/**
 * An admin declared a typed-in metric (a number people write into goals and reports, not one the CRM feeds), with
 * its unit kind (MONEY or COUNT). Names are unique and never reused for another unit.
 */
public record MetricDeclared(String name, String unitKind, String description, String declaredBy, Instant declaredAt)
        implements DomainEvent {
    @Override
    public String partitionKey() {
        return name;
    }
}
