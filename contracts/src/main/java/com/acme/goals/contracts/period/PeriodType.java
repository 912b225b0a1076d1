package com.acme.goals.contracts.period;

/** The granularity of a goal (年/季/月/周/日/事件目标), coarsest first. */
public enum PeriodType {
    YEAR, QUARTER, MONTH, WEEK, DAY, EVENT;

    /** True when this type is strictly finer than {@code other}: DAY is finer than WEEK. */
    public boolean isFinerThan(PeriodType other) {
        return ordinal() > other.ordinal();
    }
}
