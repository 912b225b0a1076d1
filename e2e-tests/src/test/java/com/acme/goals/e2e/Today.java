package com.acme.goals.e2e;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The dates a test uses, computed from the clock the stack runs on (real time, or the instant a run sets with
 * {@code -Dgoals.clock=…}), in the team's time zone: never a date written into a test. Only java.time, so what the tests
 * expect is not computed by the system's own period arithmetic.
 */
final class Today {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final Clock clock;

    Today(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    LocalDate date() {
        return LocalDate.now(clock.withZone(SHANGHAI));
    }

    /** The ISO week {@code weeksFromNow} weeks from this one (0 this week, -1 last week). */
    Week week(int weeksFromNow) {
        return new Week(date().plusWeeks(weeksFromNow).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** The calendar month {@code monthsFromNow} months from this one. */
    YearMonth month(int monthsFromNow) {
        return YearMonth.from(date()).plusMonths(monthsFromNow);
    }

    /** One ISO week, Monday to Sunday, in Shanghai. */
    record Week(LocalDate monday) {

        String key() {
            return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }

        LocalDate day(DayOfWeek day) {
            return monday.plusDays(day.getValue() - 1L);
        }

        /** A CloudEvent time on that day, e.g. {@code 2026-11-24T10:15:00+08:00}. */
        String at(DayOfWeek day, String time) {
            return Today.at(day(day), time);
        }

        /** The month the week belongs to: the month of its Thursday. */
        YearMonth month() {
            return YearMonth.from(day(DayOfWeek.THURSDAY));
        }

        Week plus(int weeks) {
            return new Week(monday.plusWeeks(weeks));
        }

        /** When its weekly plan is due: Monday 10:00 (the seed's channel-manager template). */
        Instant planDue() {
            return monday.atTime(10, 0).atZone(SHANGHAI).toInstant();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static String at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), SHANGHAI).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
