package com.acme.goals.localstack.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The contract's sample month (resources {@code contract-data/}): the HR feed of eleven people, 1,120 inbound CloudEvents
 * of November 2026 with duplicates and boundary times, and the totals a correct system reaches per employee, ISO week
 * and month.
 */
final class ContractMonth {

    final List<String> hires;
    final List<String> activity;
    /** "E-2001|2026-W45" or "E-2001|2026-11" → metric → total. */
    final Map<String, Map<String, BigDecimal>> expected = new LinkedHashMap<>();
    final List<String> weeks = new ArrayList<>();
    final String month;

    ContractMonth() throws IOException {
        hires = lines("org.jsonl", false);
        activity = lines("activity.jsonl.gz", true);
        JsonNode totals;
        try (InputStream in = resource("expected.json")) {
            totals = Gateway.JSON.readTree(in);
        }
        month = totals.path("month").asText();
        for (String part : List.of("weeks", "months")) {
            totals.path(part).fields().forEachRemaining(period -> {
                Map<String, BigDecimal> metrics = new LinkedHashMap<>();
                period.getValue().fields().forEachRemaining(m -> metrics.put(m.getKey(), new BigDecimal(m.getValue().asText())));
                expected.put(period.getKey(), metrics);
                String key = period.getKey().substring(period.getKey().indexOf('|') + 1);
                if (part.equals("weeks") && !weeks.contains(key)) {
                    weeks.add(key);
                }
            });
        }
        weeks.sort(String::compareTo);
    }

    /** The employees of the month who own activity. */
    List<String> owners() {
        return expected.keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).distinct().sorted().toList();
    }

    private static List<String> lines(String name, boolean gzipped) throws IOException {
        try (InputStream raw = resource(name); InputStream in = gzipped ? new GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ContractMonth.class.getResourceAsStream("/contract-data/" + name);
        if (in == null) {
            throw new IOException("contract-data/" + name + " is not on the class path");
        }
        return in;
    }
}
