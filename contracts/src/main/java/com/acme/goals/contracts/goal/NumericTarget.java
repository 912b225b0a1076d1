package com.acme.goals.contracts.goal;

import java.math.BigDecimal;

/**
 * One measurable number of a goal: {@code payment_collection 100000 CNY}, {@code new_customers 5 count}.
 * The unit is an ISO 4217 currency for money metrics, else a count unit.
 */
public record NumericTarget(String metric, BigDecimal target, String unit) {
}
