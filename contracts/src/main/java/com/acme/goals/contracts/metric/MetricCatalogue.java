package com.acme.goals.contracts.metric;

import com.acme.goals.contracts.crm.ActivityCatalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The metrics the product knows without anyone declaring them: every metric an inbound CRM type feeds (derived from
 * {@link ActivityCatalogue}, the table crm-link places activity with, so the two cannot disagree) and the built-in
 * typed-in ones of the product spec. Admins add their own through goal-service ({@code goal.MetricDeclared}).
 */
public final class MetricCatalogue {

    /** MONEY takes any ISO 4217 currency as unit; COUNT takes {@code count}. */
    public enum UnitKind {
        MONEY, COUNT;

        public boolean accepts(String unit) {
            if (unit == null) {
                return false;
            }
            if (this == COUNT) {
                return "count".equals(unit);
            }
            try {
                return unit.equals(unit.toUpperCase(Locale.ROOT)) && Currency.getInstance(unit) != null;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        public String rule() {
            return this == COUNT ? "the unit 'count'" : "an ISO 4217 currency such as CNY";
        }
    }

    /** Where a metric's actuals come from: CRM activity, or numbers people type into goals and reports. */
    public enum Source { CRM, TYPED_IN }

    /** One metric; {@code fedBy} lists the inbound types that add to it (empty for typed-in metrics). */
    public record Metric(String name, UnitKind unitKind, String aggregation, Source source, List<String> fedBy,
                         String description) {
    }

    public static final String NAME_RULE = "[a-z][a-z0-9_]{0,63}";

    private static final Map<String, Metric> BUILT_IN = builtIn();

    private static Map<String, Metric> builtIn() {
        Map<String, UnitKind> kinds = new TreeMap<>();
        Map<String, List<String>> fedBy = new TreeMap<>();
        for (String type : ActivityCatalogue.types()) {
            ActivityCatalogue.Kind kind = ActivityCatalogue.of(type).orElseThrow();
            if (kind.amountMetric() != null) {
                kinds.put(kind.amountMetric(), UnitKind.MONEY);
                fedBy.computeIfAbsent(kind.amountMetric(), m -> new ArrayList<>()).add(type);
            }
            for (String count : kind.countMetrics()) {
                kinds.put(count, UnitKind.COUNT);
                fedBy.computeIfAbsent(count, m -> new ArrayList<>()).add(type);
            }
        }
        Map<String, Metric> all = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> all.put(name, new Metric(name, kind, "SUM", Source.CRM, List.copyOf(fedBy.get(name)),
                "the sum over the period of what " + String.join(", ", fedBy.get(name)) + " add")));
        all.put("assessment_amount", new Metric("assessment_amount", UnitKind.MONEY, "SUM", Source.TYPED_IN, List.of(),
                "the assessment task (考核任务): a money target the company sets; its actual is typed into reports"));
        return Map.copyOf(all);
    }

    public static Optional<Metric> builtIn(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    /** Built-in metrics by name. */
    public static List<Metric> builtIns() {
        return BUILT_IN.values().stream().sorted(Comparator.comparing(Metric::name)).toList();
    }

    /** Up to three known names closest to an unknown one (edit distance, then name), to put in the refusal. */
    public static List<String> closest(String unknown, Collection<String> known) {
        String probe = unknown == null ? "" : unknown;
        return new TreeSet<>(known).stream()
                .sorted(Comparator.comparingInt((String k) -> distance(probe, k)))
                .limit(3).toList();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private MetricCatalogue() {
    }
}
