package com.acme.goals.contracts.scoring;

import com.acme.goals.contracts.DomainEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The monthly weekly-behaviour total (月的周行为分) was (re)computed: the mean of the weeks belonging to the month by the
 * Thursday rule, an unscored week counting 0 unless excused, and the performance-pay factor its band gives. Payroll
 * subscribes to this; each recomputation is a new version.
 */
public record MonthlyBehaviorTotaled(String employeeId, String month, int version, int rubricVersion, BigDecimal total,
                                     BigDecimal payFactor, List<WeekInMonth> weeks, Instant totaledAt) implements DomainEvent {

    /** One week of the month: SCORED (with its latest total), EXCUSED (left out of the mean) or MISSING (counts 0). */
    public record WeekInMonth(String isoWeek, String status, BigDecimal score) {
    }

    @Override
    public String partitionKey() {
        return employeeId;
    }
}
