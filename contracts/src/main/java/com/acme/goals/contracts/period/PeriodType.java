package com.acme.goals.contracts.period;

import java.util.EnumSet;
import java.util.Set;

/** The granularity of a goal (年/季/月/周/日/事件目标), coarsest first. */
public enum PeriodType {
    YEAR, QUARTER, MONTH, WEEK, DAY, EVENT;

    /** The calendar's periods: every type with a key of its own and days, all but an event's. */
    public static final Set<PeriodType> CALENDAR = EnumSet.range(YEAR, DAY);

    /** True when this type is strictly finer than {@code other}: DAY is finer than WEEK. */
    public boolean isFinerThan(PeriodType other) {
        return ordinal() > other.ordinal();
    }

    /** A key of this type, as refusals show one ({@code 2026-W48}); an event goal has no key of its own. */
    public String exampleKey() {
        return switch (this) {
            case YEAR -> "2026";
            case QUARTER -> "2026-Q4";
            case MONTH -> "2026-11";
            case WEEK -> "2026-W48";
            case DAY -> "2026-11-26";
            case EVENT -> "no key";
        };
    }
}
