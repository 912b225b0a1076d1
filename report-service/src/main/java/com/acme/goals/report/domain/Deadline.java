package com.acme.goals.report.domain;

import com.acme.goals.contracts.period.Period;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * When a report of a period is due, in the owner's time zone: a weekday of the period's first week (or none for
 * the period's first day), plus a number of days, at a time. Weekly plan: MONDAY 10:00; weekly summary:
 * SATURDAY 18:00; daily plan: same day 09:30. {@code remindBefore} (optional, e.g. PT2H): how long before the deadline
 * the owner is reminded of a report not yet submitted; none when absent.
 */
public record Deadline(DayOfWeek weekday, int dayOffset, LocalTime time, java.time.Duration remindBefore) {

    public Deadline(DayOfWeek weekday, int dayOffset, LocalTime time) {
        this(weekday, dayOffset, time, null);
    }

    public Deadline {
        if (remindBefore != null && (remindBefore.isNegative() || remindBefore.isZero() || remindBefore.toDays() > 31)) {
            throw new IllegalArgumentException("deadline.remindBefore must be a positive ISO-8601 duration of at most 31 days, e.g. PT2H");
        }
        if (time == null) {
            throw new IllegalArgumentException("deadline.time is required, e.g. 10:00");
        }
        if (dayOffset < 0 || dayOffset > 366) {
            throw new IllegalArgumentException("deadline.dayOffset must be between 0 and 366");
        }
    }

    /** When the owner is reminded of the period's report, or null when this deadline reminds nobody. */
    public Instant remindAt(Period period, ZoneId zone) {
        return remindBefore == null ? null : dueAt(period, zone).minus(remindBefore);
    }

    public Instant dueAt(Period period, ZoneId zone) {
        return dueOn(period).atZone(zone).toInstant();
    }

    /** The deadline on the owner's wall clock, the same in every time zone. */
    public LocalDateTime dueOn(Period period) {
        LocalDate day = period.firstDay();
        if (weekday != null) {
            day = day.with(TemporalAdjusters.nextOrSame(weekday));
        }
        return day.plusDays(dayOffset).atTime(time);
    }
}
