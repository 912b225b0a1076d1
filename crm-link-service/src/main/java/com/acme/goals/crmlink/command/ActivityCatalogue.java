package com.acme.goals.crmlink.command;

import com.acme.goals.contracts.crm.MetricDelta;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inbound types of inbound-contract.md: which data fields each requires, and what it adds to which metric.
 */
public final class ActivityCatalogue {

    /** One inbound type: required fields, whether it carries money, the record id field, and its metrics. */
    public record Kind(String type, List<String> required, boolean money, String recordIdField, List<String> countMetrics,
                       String amountMetric) {

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
            kind("crm.customer.created", List.of("customerId", "name", "ownerId"), false, "customerId", List.of("new_customers"), null),
            kind("crm.opportunity.created", List.of("opportunityId", "customerId", "ownerId", "amount", "currency", "stage"), true,
                    "opportunityId", List.of("new_opportunities"), null),
            kind("crm.opportunity.stage-changed", List.of("opportunityId", "ownerId", "fromStage", "toStage"), false,
                    "opportunityId", List.of(), null),
            kind("crm.opportunity.won", List.of("opportunityId", "customerId", "ownerId", "amount", "currency"), true,
                    "opportunityId", List.of("won_deals"), "sales_amount"),
            kind("crm.opportunity.lost", List.of("opportunityId", "customerId", "ownerId", "reason"), false,
                    "opportunityId", List.of("lost_deals"), null),
            kind("crm.contract.signed", List.of("contractId", "customerId", "ownerId", "amount", "currency"), true,
                    "contractId", List.of(), "contract_amount"),
            kind("crm.payment.received", List.of("paymentId", "customerId", "ownerId", "amount", "currency"), true,
                    "paymentId", List.of(), "payment_collection"),
            kind("crm.ticket.opened", List.of("ticketId", "customerId", "ownerId"), false, "ticketId", List.of("new_service_tickets"), null),
            kind("crm.ticket.closed", List.of("ticketId", "customerId", "ownerId"), false, "ticketId", List.of("closed_service_tickets"), null),
            kind("crm.approval.submitted", List.of("approvalId", "ownerId", "kind"), false, "approvalId", List.of("new_approvals"), null),
            kind("crm.approval.decided", List.of("approvalId", "ownerId", "kind", "decision"), false, "approvalId", List.of(), null),
            kind("crm.visit.logged", List.of("activityId", "customerId", "ownerId"), false, "activityId", List.of("visits"), null),
            kind("crm.call.logged", List.of("activityId", "customerId", "ownerId"), false, "activityId", List.of("calls"), null));

    private static Map.Entry<String, Kind> kind(String type, List<String> required, boolean money, String recordIdField,
                                                List<String> countMetrics, String amountMetric) {
        return Map.entry(type, new Kind(type, required, money, recordIdField, countMetrics, amountMetric));
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
