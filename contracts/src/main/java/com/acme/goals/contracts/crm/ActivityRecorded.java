package com.acme.goals.contracts.crm;

import com.acme.goals.contracts.DomainEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An inbound CRM activity was accepted, normalised and placed in its owner's day, ISO week and month
 * (in the owner's time zone). {@code actionId} (added, optional) names the planned action a visit or call completes. {@code activityId} is derived from the inbound (source, id) pair, so the
 * same inbound event always yields the same id, however often it is delivered.
 * <p>
 * The record is named by its own business id: {@code recordIdField} (paymentId, contractId, opportunityId, ticketId,
 * approvalId, activityId, customerId) and {@code recordId}; {@code recordRef} is {@code <kind>/<recordId>}, and
 * {@code subject} keeps whatever the sender put in the CloudEvent's subject. The three were added (optional): events
 * recorded before them have {@code recordRef} = the sender's subject and no record id.
 */
public record ActivityRecorded(String activityId, String inboundSource, String inboundId, String inboundType,
                               String ownerId, String customerId, String recordRef, Instant occurredAt,
                               String timeZone, LocalDate day, String isoWeek, String month,
                               List<MetricDelta> deltas, String actionId, String recordIdField, String recordId,
                               String subject) implements DomainEvent {

    public ActivityRecorded(String activityId, String inboundSource, String inboundId, String inboundType, String ownerId,
                            String customerId, String recordRef, Instant occurredAt, String timeZone, LocalDate day,
                            String isoWeek, String month, List<MetricDelta> deltas, String actionId) {
        this(activityId, inboundSource, inboundId, inboundType, ownerId, customerId, recordRef, occurredAt, timeZone, day,
                isoWeek, month, deltas, actionId, null, null, null);
    }

    /** Without a planned action: most activity completes none. */
    public ActivityRecorded(String activityId, String inboundSource, String inboundId, String inboundType, String ownerId,
                            String customerId, String recordRef, Instant occurredAt, String timeZone, LocalDate day,
                            String isoWeek, String month, List<MetricDelta> deltas) {
        this(activityId, inboundSource, inboundId, inboundType, ownerId, customerId, recordRef, occurredAt, timeZone, day,
                isoWeek, month, deltas, null);
    }
    @Override
    public String partitionKey() {
        return ownerId;
    }
}
