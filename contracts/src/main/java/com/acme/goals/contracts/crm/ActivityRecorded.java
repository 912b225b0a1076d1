package com.acme.goals.contracts.crm;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An inbound CRM activity was accepted, normalised and placed in its owner's day, ISO week and month
 * (in the owner's time zone). {@code activityId} is derived from the inbound (source, id) pair, so the
 * same inbound event always yields the same id, however often it is delivered.
 */
public record ActivityRecorded(String activityId, String inboundSource, String inboundId, String inboundType,
                               String ownerId, String customerId, String recordRef, Instant occurredAt,
                               String timeZone, LocalDate day, String isoWeek, String month,
                               List<MetricDelta> deltas) implements DomainEvent {
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
