package com.acme.goals.crmlink.domain;

import com.acme.goals.contracts.crm.ActivityCatalogue;

import java.math.BigDecimal;
import java.time.Instant;

/** An inbound activity that kept the contract: the envelope and the fields the pipeline needs. */
public record CheckedActivity(String source, String id, String type, String subject, Instant time, String ownerId,
                      String customerId, String recordId, BigDecimal amount, String currency,
                      ActivityCatalogue.Kind kind, String actionId) {
    /**
     * Identifies the event across both transports and every re-delivery. A "|" or "\\" in the source is escaped, so
     * two different (source, id) pairs never share a key; a source without them keeps the key (and the activity id
     * derived from it) it always had.
     */
    public String dedupeKey() {
        return source.replace("\\", "\\\\").replace("|", "\\|") + "|" + id;
    }
}
