package com.acme.goals.contracts.scoring;

import com.acme.goals.contracts.DomainEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A week of an employee was scored (打分): the parts, the total, the rubric version and the inputs the automatic parts
 * were computed from, so anyone can recompute it. A re-score is a new version; earlier versions stay. A part is null
 * when it did not apply that week (no numeric targets, no planned actions, no reports due); the total then weighs the
 * parts that did.
 */
public record WeekScored(String employeeId, String isoWeek, String month, int version, int rubricVersion, Parts parts,
                         BigDecimal total, Inputs inputs, String comment, String reason, String scoredBy, Instant scoredAt)
        implements DomainEvent {

    /** Each part on a 0..100 scale (the numeric part may exceed 100 when the rubric's cap allows over-achievement). */
    public record Parts(BigDecimal numeric, BigDecimal actions, BigDecimal timeliness, BigDecimal behavior) {
    }

    /** What the automatic parts were computed from, as read at scoring time. */
    public record Inputs(List<MetricResult> metrics, int actionsPlanned, int actionsCompleted, int reportsOnTime,
                         int reportsLate, int reportsMissing, int behaviorRating) {
    }

    /**
     * One metric of the week's goal: its target and what the CRM recorded against it; {@code stretch} and
     * {@code challenge} (added, optional) are the week's tier levels, when its goals had them.
     */
    public record MetricResult(String metric, String unit, BigDecimal target, BigDecimal actual, BigDecimal stretch,
                               BigDecimal challenge) {
        public MetricResult(String metric, String unit, BigDecimal target, BigDecimal actual) {
            this(metric, unit, target, actual, null, null);
        }
    }

    @Override
    public String partitionKey() {
        return employeeId;
    }
}
