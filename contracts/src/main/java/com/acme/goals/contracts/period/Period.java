package com.acme.goals.contracts.period;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A goal period written as its key: {@code 2026}, {@code 2026-Q4}, {@code 2026-11}, {@code 2026-W48} (ISO week),
 * {@code 2026-11-26}. Knows its first and last day and containment. Weeks are ISO weeks; a week belongs to
 * the month (and so quarter and year) that contains its Thursday, so every week belongs to exactly one month.
 * An EVENT has no key and no fixed dates.
 */
public record Period(PeriodType type, String key, LocalDate firstDay, LocalDate lastDay) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public static final Period EVENT = new Period(PeriodType.EVENT, null, null, null);

    public Period {
        Objects.requireNonNull(type, "type");
    }

    /**
     * Parses a key of the given type.
     *
     * @throws IllegalArgumentException naming the key and the expected form when it does not parse
     */
    public static Period parse(PeriodType type, String key) {
        if (type == PeriodType.EVENT) {
            return EVENT;
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("periodKey is required for a " + type + " goal");
        }
        try {
            return switch (type) {
                case YEAR -> year(Integer.parseInt(match(YEAR, key, type).group(1)));
                case QUARTER -> {
                    Matcher m = match(QUARTER, key, type);
                    yield quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
                case MONTH -> {
                    Matcher m = match(MONTH, key, type);
                    yield month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
                case WEEK -> {
                    Matcher m = match(WEEK, key, type);
                    yield week(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
                case DAY -> {
                    match(DAY, key, type);
                    yield day(LocalDate.parse(key));
                }
                case EVENT -> EVENT;
            };
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("periodKey '" + key + "' is not a valid " + type + ": " + e.getMessage());
        }
    }

    /** Parses any key, guessing its type from its shape. */
    public static Period parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("periodKey is required");
        }
        PeriodType type = YEAR.matcher(key).matches() ? PeriodType.YEAR
                : QUARTER.matcher(key).matches() ? PeriodType.QUARTER
                : WEEK.matcher(key).matches() ? PeriodType.WEEK
                : MONTH.matcher(key).matches() ? PeriodType.MONTH
                : DAY.matcher(key).matches() ? PeriodType.DAY : null;
        if (type == null) {
            throw new IllegalArgumentException("periodKey '" + key + "' is none of " + PeriodType.CALENDAR.stream().map(PeriodType::exampleKey).collect(Collectors.joining(", ")));
        }
        return parse(type, key);
    }

    private static Matcher match(Pattern pattern, String key, PeriodType type) {
        Matcher m = pattern.matcher(key);
        if (!m.matches()) {
            throw new IllegalArgumentException("periodKey '" + key + "' is not a " + type + " key (expected "
                    + type.exampleKey() + ")");
        }
        return m;
    }

    public static Period year(int year) {
        return new Period(PeriodType.YEAR, padded(year, 4), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public static Period quarter(int year, int quarter) {
        LocalDate first = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        return new Period(PeriodType.QUARTER, padded(year, 4) + "-Q" + quarter, first,
                first.plusMonths(3).minusDays(1));
    }

    public static Period month(YearMonth month) {
        return new Period(PeriodType.MONTH, month.toString(), month.atDay(1), month.atEndOfMonth());
    }

    public static Period week(int weekBasedYear, int week) {
        LocalDate anyDay = LocalDate.of(weekBasedYear, 6, 1);
        long maxWeek = anyDay.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > maxWeek) {
            throw new IllegalArgumentException(String.format("periodKey '%04d-W%02d' is not a valid WEEK: %d has %d ISO weeks",
                    weekBasedYear, week, weekBasedYear, maxWeek));
        }
        LocalDate monday = anyDay.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
        return new Period(PeriodType.WEEK, padded(weekBasedYear, 4) + "-W" + padded(week, 2), monday, monday.plusDays(6));
    }

    /**
     * {@code String.format("%0<width>d", value)} without a Formatter: every activity placed names its week, and the
     * formatter was a twentieth of crm-link's CPU under load.
     */
    private static String padded(int value, int width) {
        String digits = Integer.toString(Math.abs(value));
        String zeros = "0".repeat(Math.max(0, width - digits.length() - (value < 0 ? 1 : 0)));
        return value < 0 ? "-" + zeros + digits : zeros + digits;
    }

    public static Period day(LocalDate day) {
        return new Period(PeriodType.DAY, day.toString(), day, day);
    }

    /** The ISO week a day lies in. */
    public static Period weekOf(LocalDate day) {
        return week(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The period of {@code type} a day lies in (2026-12-02 → week 2026-W49, month 2026-12). */
    public static Period containing(PeriodType type, LocalDate day) {
        return switch (type) {
            case YEAR -> year(day.getYear());
            case QUARTER -> quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
            case MONTH -> month(YearMonth.from(day));
            case WEEK -> weekOf(day);
            case DAY -> day(day);
            case EVENT -> throw new IllegalArgumentException("an EVENT has no period a day lies in");
        };
    }

    /** The period of the same type just before this one (week 48 → week 47, 2026-01 → 2025-12). */
    public Period previous() {
        requireDates();
        return containing(type, firstDay.minusDays(1));
    }

    /** The period of the same type just after this one (week 52 → next year's week 1). */
    public Period next() {
        requireDates();
        return containing(type, lastDay.plusDays(1));
    }

    /** This period's key, then each of its days' keys: everything a goal or report inside it may be filed under. */
    public java.util.List<String> keyAndDayKeys() {
        requireDates();
        java.util.List<String> keys = new java.util.ArrayList<>();
        keys.add(key);
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            keys.add(day.toString());
        }
        return keys;
    }

    /** The ISO weeks that belong to a month: those whose Thursday falls in it (four or five). */
    public static java.util.List<Period> weeksOf(YearMonth month) {
        java.util.List<Period> weeks = new java.util.ArrayList<>();
        for (LocalDate thursday = month.atDay(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
             !thursday.isAfter(month.atEndOfMonth()); thursday = thursday.plusWeeks(1)) {
            weeks.add(weekOf(thursday));
        }
        return weeks;
    }

    /** The month a week belongs to: the one containing its Thursday. For other types, the month of the first day. */
    public YearMonth owningMonth() {
        requireDates();
        LocalDate anchor = type == PeriodType.WEEK ? firstDay.with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY)) : firstDay;
        return YearMonth.from(anchor);
    }

    /**
     * True when {@code child} lies inside this period. A week lies inside the month, quarter and year
     * that contain its Thursday (not necessarily all of its days).
     */
    public boolean contains(Period child) {
        if (type == PeriodType.EVENT || child.type == PeriodType.EVENT) {
            return child.type == PeriodType.EVENT;
        }
        if (child.type == PeriodType.WEEK && (type == PeriodType.MONTH || type == PeriodType.QUARTER || type == PeriodType.YEAR)) {
            LocalDate thursday = child.firstDay.plusDays(3);
            return !thursday.isBefore(firstDay) && !thursday.isAfter(lastDay);
        }
        return !child.firstDay.isBefore(firstDay) && !child.lastDay.isAfter(lastDay);
    }

    /** True when a day counts in this period: for a week, its seven days; otherwise its calendar days. */
    public boolean includesDay(LocalDate day) {
        requireDates();
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    private void requireDates() {
        if (type == PeriodType.EVENT) {
            throw new IllegalStateException("an EVENT period has no dates");
        }
    }

    @Override
    public String toString() {
        return type == PeriodType.EVENT ? "EVENT" : key;
    }
}
