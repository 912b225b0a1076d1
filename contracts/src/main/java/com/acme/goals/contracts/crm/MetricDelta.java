package com.acme.goals.contracts.crm;

import java.math.BigDecimal;

/** How much one activity adds to one metric: {@code payment_collection +125000.00 CNY}, {@code new_customers +1}. */
public record MetricDelta(String metric, BigDecimal amount, String unit) {
    public static final String COUNT = "count";
}
