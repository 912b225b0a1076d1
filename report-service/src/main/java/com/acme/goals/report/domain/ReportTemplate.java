package com.acme.goals.report.domain;

import com.acme.goals.contracts.metric.MetricCatalogue;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.platform.errors.DomainRuleBroken;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A report form a company designed for a role and period (模板): typed fields, required flags, fields carried from
 * the previous period's report, fields computed from CRM activity, and a deadline. Versioned: a report keeps the
 * version it was written on. {@code effectiveFrom}: the first day the form is owed by the role (in each owner's time
 * zone); null on templates stored before effective dates existed, which are owed from the day each owner joined.
 */
public record ReportTemplate(String templateId, int version, String name, String role, String periodType, String kind,
                             List<Field> fields, Deadline deadline, LocalDate effectiveFrom) {

    /**
     * The day a template created or reassigned at {@code now} takes effect when nobody says: today where the calendar
     * is furthest ahead (UTC+18), or the day after when one of its periods owed from today already fell due there.
     * So no period that fell due before the template existed is owed in any time zone (a daily form stored at 11:00
     * in Shanghai does not owe that morning's 09:30 report).
     */
    public LocalDate effectiveFromIfStoredAt(Instant now) {
        LocalDateTime furthestAhead = LocalDateTime.ofInstant(now, ZoneOffset.MAX);
        LocalDate today = furthestAhead.toLocalDate();
        // a period that began up to a week and its deadline's offset ago may still fall due today
        PeriodType type = PeriodType.valueOf(periodType);
        for (Period period = Period.containing(type, today.minusDays(deadline.dayOffset() + 7L)); !period.firstDay().isAfter(today);
             period = period.next()) {
            LocalDateTime due = deadline.dueOn(period);
            if (!due.isBefore(today.atStartOfDay()) && !due.isAfter(furthestAhead)) {
                return today.plusDays(1);
            }
        }
        return today;
    }

    public ReportTemplate withEffectiveFrom(LocalDate day) {
        return new ReportTemplate(templateId, version, name, role, periodType, kind, fields, deadline, day);
    }

    public ReportTemplate withVersion(int next) {
        return new ReportTemplate(templateId, next, name, role, periodType, kind, fields, deadline, effectiveFrom);
    }

    /** The first day a person who joined on {@code joinedOn} owes this form: the later of the two days. */
    public LocalDate owedFrom(LocalDate joinedOn) {
        return effectiveFrom == null || joinedOn.isAfter(effectiveFrom) ? joinedOn : effectiveFrom;
    }

    public static final Set<String> KINDS = Set.of("PLAN", "SUMMARY", "PLAN_AND_SUMMARY");
    public static final Set<String> FIELD_TYPES = Set.of("NUMBER", "MONEY", "TEXT", "TABLE", "DAILY_SCHEDULE");
    public static final List<String> SCHEDULE_DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY");
    private static final Set<String> ACTION_KINDS = Set.of("VISIT", "CALL", "MEETING_INVITE", "MARKET_ACTIVITY",
            "AGENT_TRAINING", "ROUTINE", "SPECIAL");
    private static final Set<String> CUSTOMER_ACTIONS = Set.of("VISIT", "CALL", "MEETING_INVITE");

    /** {@code source}: the actual of a metric over the report's period, or over the previous one ("last week actual"). */
    public record Source(String metric, String unit, String period) {
    }

    public record Column(String key, String label, String type) {
    }

    public record Field(String key, String label, String type, boolean required, String carryFrom, Source source,
                        List<Column> columns) {
    }

    /** Checks the definition; every refusal names the field in error. */
    public ReportTemplate checked() {
        require(templateId != null && templateId.matches("[a-z0-9][a-z0-9-]{0,63}"), "templateId",
                "must be 1-64 lower-case letters, digits or '-'");
        require(name != null && !name.isBlank(), "name", "is required");
        require(role != null && !role.isBlank(), "role", "is required");
        try {
            PeriodType type = PeriodType.valueOf(String.valueOf(periodType));
            require(type != PeriodType.EVENT, "periodType", "a report covers a period; EVENT has none");
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodType", "periodType '" + periodType + "' is none of YEAR, QUARTER, MONTH, WEEK, DAY");
        }
        require(KINDS.contains(kind), "kind", "is none of " + KINDS);
        require(deadline != null, "deadline", "is required, e.g. {\"weekday\":\"MONDAY\",\"time\":\"10:00\"}");
        require(fields != null && !fields.isEmpty(), "fields", "a template needs at least one field");
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            String at = "fields[" + i + "]";
            require(f.key() != null && f.key().matches("[a-z][a-z0-9_]{0,63}"), at + ".key", "must be a snake_case name");
            require(keys.add(f.key()), at + ".key", "'" + f.key() + "' appears twice");
            require(FIELD_TYPES.contains(f.type()), at + ".type", "is none of " + FIELD_TYPES);
            require(!"TABLE".equals(f.type()) || (f.columns() != null && !f.columns().isEmpty()), at + ".columns",
                    "a TABLE needs columns");
            require(!"DAILY_SCHEDULE".equals(f.type()) || "WEEK".equals(periodType), at + ".type",
                    "a DAILY_SCHEDULE belongs on a WEEK template");
            if (f.source() != null) {
                require(f.source().metric() != null && f.source().metric().matches("[a-z][a-z0-9_]{0,63}"), at + ".source.metric",
                        "must be a metric name such as payment_collection");
                require(f.source().unit() != null && !f.source().unit().isBlank(), at + ".source.unit", "is required (CNY, count)");
                // a source reads CRM actuals: a typed-in metric has none, so it would show 0 for ever
                Optional<MetricCatalogue.Metric> metric = MetricCatalogue.builtIn(f.source().metric())
                        .filter(m -> m.source() == MetricCatalogue.Source.CRM);
                require(metric.isPresent(), at + ".source.metric", "'" + f.source().metric()
                        + "' is not a metric the CRM feeds (GET /api/metrics); closest: " + String.join(", ", MetricCatalogue.closest(
                        f.source().metric(), MetricCatalogue.builtIns().stream().filter(m -> m.source() == MetricCatalogue.Source.CRM)
                                .map(MetricCatalogue.Metric::name).toList())));
                require(metric.get().unitKind().accepts(f.source().unit()), at + ".source.unit", "'" + f.source().unit()
                        + "' does not fit " + f.source().metric() + ", a " + metric.get().unitKind() + " metric: use " + metric.get().unitKind().rule());
                require(Set.of("CURRENT", "PREVIOUS").contains(f.source().period()), at + ".source.period", "is CURRENT or PREVIOUS");
            }
        }
        return this;
    }

    public Optional<Field> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public List<String> requiredKeys() {
        return fields.stream().filter(Field::required).map(Field::key).toList();
    }

    /**
     * Whether this form was expected of a person for a period: the one rule the deadline sweep (which marks MISSING)
     * and the team timeliness view (which shows OPEN) share, so the view never shows a period the sweep will not mark.
     * Expected of the template's role, from the later of the day they joined and the day the template took effect
     * ({@link #owedFrom}), for periods falling due before they left; a DAY form is not expected on Sundays.
     */
    public boolean expects(String memberRole, ZoneId zone, LocalDate joinedOn, Instant leftAt, Period period) {
        if (!role.equals(memberRole) || !periodType.equals(period.type().name()) || joinedOn == null) {
            return false;
        }
        if (period.type() == PeriodType.DAY && period.firstDay().getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        Instant due = deadline.dueAt(period, zone);
        return !due.isBefore(owedFrom(joinedOn).atStartOfDay(zone).toInstant()) && (leftAt == null || due.isBefore(leftAt));
    }

    /** Checks filled values against the field types: a value of the wrong shape is refused naming the field. */
    public void checkValues(Map<String, Object> values) {
        for (var entry : values.entrySet()) {
            String at = "fields." + entry.getKey();
            Field field = field(entry.getKey()).orElseThrow(() ->
                    new DomainRuleBroken(at, "template " + templateId + " v" + version + " has no field '" + entry.getKey() + "'"));
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            switch (field.type()) {
                case "NUMBER", "MONEY" -> require(isDecimal(value), at, "must be a decimal number, e.g. \"65000.00\"");
                case "TEXT" -> require(value instanceof String s && s.length() <= 10_000, at, "must be text of at most 10000 characters");
                case "TABLE" -> checkTable(at, field, value);
                case "DAILY_SCHEDULE" -> checkSchedule(at, value);
                default -> throw new DomainRuleBroken(at, "unknown type " + field.type());
            }
        }
    }

    private static void checkTable(String at, Field field, Object value) {
        require(value instanceof List, at, "must be a list of rows (objects keyed by column)");
        List<?> rows = (List<?>) value;
        for (int r = 0; r < rows.size(); r++) {
            String rowAt = at + "[" + r + "]";
            require(rows.get(r) instanceof Map, rowAt, "must be an object keyed by column");
            for (var cell : ((Map<?, ?>) rows.get(r)).entrySet()) {
                String cellAt = rowAt + "." + cell.getKey();
                Column column = field.columns().stream().filter(c -> c.key().equals(String.valueOf(cell.getKey()))).findFirst()
                        .orElseThrow(() -> new DomainRuleBroken(cellAt, cellAt + ": the table has no column '" + cell.getKey() + "'"));
                if (cell.getValue() != null && ("NUMBER".equals(column.type()) || "MONEY".equals(column.type()))) {
                    require(isDecimal(cell.getValue()), cellAt, "must be a decimal number");
                }
            }
        }
    }

    private static void checkSchedule(String at, Object value) {
        require(value instanceof Map, at, "must be an object keyed MONDAY…SATURDAY");
        for (var day : ((Map<?, ?>) value).entrySet()) {
            String dayAt = at + "." + day.getKey();
            require(SCHEDULE_DAYS.contains(String.valueOf(day.getKey())), dayAt, "is none of " + SCHEDULE_DAYS);
            require(day.getValue() instanceof List, dayAt, "must be a list of actions");
            List<?> actions = (List<?>) day.getValue();
            for (int i = 0; i < actions.size(); i++) {
                String actionAt = dayAt + "[" + i + "]";
                require(actions.get(i) instanceof Map, actionAt, "must be an action {title, kind, customerId?}");
                Map<?, ?> action = (Map<?, ?>) actions.get(i);
                require(action.get("title") instanceof String t && !t.isBlank(), actionAt + ".title", "is required");
                require(ACTION_KINDS.contains(String.valueOf(action.get("kind"))), actionAt + ".kind", "is none of " + ACTION_KINDS);
                require(!CUSTOMER_ACTIONS.contains(String.valueOf(action.get("kind")))
                                || (action.get("customerId") instanceof String c && !c.isBlank()),
                        actionAt + ".customerId", "a customer-related action must name a customer");
            }
        }
    }

    private static boolean isDecimal(Object value) {
        if (value instanceof Number) {
            return true;
        }
        try {
            new BigDecimal(String.valueOf(value));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw new DomainRuleBroken(field, field + ": " + rule);
        }
    }
}
