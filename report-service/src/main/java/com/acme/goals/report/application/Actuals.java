package com.acme.goals.report.application;

import com.acme.goals.contracts.period.Period;

import java.math.BigDecimal;
import java.util.List;

/**
 * A person's CRM actuals over a period, as scoring keeps them (decision 20): what a draft's {@code source} fields are
 * prefilled with. report-service keeps no copy of the activity itself.
 */
public interface Actuals {

    /** One metric's total in one unit ({@code null} for a metric without one). */
    record Total(String metric, String unit, BigDecimal amount) {
    }

    /** Every metric with activity on the period's days; throws {@code Unavailable} when they cannot be read now. */
    List<Total> of(String ownerId, Period period);
}
