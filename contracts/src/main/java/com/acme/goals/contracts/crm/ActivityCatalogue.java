package com.acme.goals.contracts.crm;


import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each inbound CRM type of inbound-contract.md adds to which metric. Which fields a type requires is the JSON
 * Schema's business (contracts {@code schemas/inbound/}), not this table's.
 */
public final class ActivityCatalogue {

    /** One inbound type: whether it carries money, the record id field, and its metrics. */
    public record Kind(String type, boolean money, String recordIdField, List<String> countMetrics,
                       String amountMetric) {

        /** What the record is, for its reference: {@code payment} of crm.payment.received, {@code visit}, {@code ticket}. */
        public String noun() {
            return type.split("\\.")[1];
        }

        public List<MetricDelta> deltas(BigDecimal amount, String currency) {
            List<MetricDelta> deltas = new ArrayList<>();
            if (amountMetric != null) {
                deltas.add(new MetricDelta(amountMetric, amount, currency));
            }
            for (String metric : countMetrics) {
                deltas.add(new MetricDelta(metric, BigDecimal.ONE, MetricDelta.COUNT));
            }
            return deltas;
        }
    }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            kind("crm.customer.created", false, "customerId", List.of("new_customers"), null),
            kind("crm.opportunity.created", true,
                    "opportunityId", List.of("new_opportunities"), null),
            kind("crm.opportunity.stage-changed", false,
                    "opportunityId", List.of(), null),
            kind("crm.opportunity.won", true,
                    "opportunityId", List.of("won_deals"), "sales_amount"),
            kind("crm.opportunity.lost", false,
                    "opportunityId", List.of("lost_deals"), null),
            kind("crm.contract.signed", true,
                    "contractId", List.of(), "contract_amount"),
            kind("crm.payment.received", true,
                    "paymentId", List.of(), "payment_collection"),
            kind("crm.ticket.opened", false, "ticketId", List.of("new_service_tickets"), null),
            kind("crm.ticket.closed", false, "ticketId", List.of("closed_service_tickets"), null),
            kind("crm.approval.submitted", false, "approvalId", List.of("new_approvals"), null),
            kind("crm.approval.decided", false, "approvalId", List.of(), null),
            kind("crm.visit.logged", false, "activityId", List.of("visits"), null),
            kind("crm.call.logged", false, "activityId", List.of("calls"), null));

    private static Map.Entry<String, Kind> kind(String type, boolean money, String recordIdField,
                                                List<String> countMetrics, String amountMetric) {
        return Map.entry(type, new Kind(type, money, recordIdField, countMetrics, amountMetric));
    }

    public static Optional<Kind> of(String type) {
        return Optional.ofNullable(KINDS.get(type));
    }

    public static java.util.Set<String> types() {
        return new java.util.TreeSet<>(KINDS.keySet());
    }

    private ActivityCatalogue() {
    }
}
