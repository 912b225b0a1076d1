package com.acme.goals.scoring.domain;

import com.acme.goals.platform.errors.DomainRuleBroken;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * How a week is scored and what a month's total pays (product-spec §3.6). Weights are percentages summing to 100;
 * {@code metricCap} caps each metric's actual/target (1.00 = no credit beyond 100%); a late report earns
 * {@code lateCredit} of an on-time one; pay bands map a monthly total to a pay factor. Versioned: a score names the
 * version it used. {@code stretchCredit} / {@code challengeCredit} (optional, added with target tiers): the ratio a
 * metric earns at least once its actual reaches the stretch (冲刺) / challenge (挑战) level, even above the cap.
 */
public record Rubric(int version, int numericWeight, int actionsWeight, int timelinessWeight, int behaviorWeight,
                     BigDecimal metricCap, BigDecimal lateCredit, List<PayBand> payBands, String updatedBy, Instant updatedAt,
                     BigDecimal stretchCredit, BigDecimal challengeCredit) {

    public Rubric(int version, int numericWeight, int actionsWeight, int timelinessWeight, int behaviorWeight,
                  BigDecimal metricCap, BigDecimal lateCredit, List<PayBand> payBands, String updatedBy, Instant updatedAt) {
        this(version, numericWeight, actionsWeight, timelinessWeight, behaviorWeight, metricCap, lateCredit, payBands,
                updatedBy, updatedAt, null, null);
    }

    /** A monthly total of at least {@code minTotal} pays {@code factor}. */
    public record PayBand(BigDecimal minTotal, BigDecimal factor) {
    }

    /** The product's default: numeric 50%, actions 20%, timeliness 10%, behaviour 20%; no credit beyond target. */
    public static Rubric defaults() {
        return new Rubric(1, 50, 20, 10, 20, new BigDecimal("1.00"), new BigDecimal("0.50"), List.of(
                new PayBand(new BigDecimal("90"), new BigDecimal("1.20")),
                new PayBand(new BigDecimal("75"), new BigDecimal("1.00")),
                new PayBand(new BigDecimal("60"), new BigDecimal("0.80")),
                new PayBand(BigDecimal.ZERO, new BigDecimal("0.50"))), "system", Instant.EPOCH);
    }

    /** Checks a rubric an admin proposes; every refusal names the field. */
    public void check() {
        for (int weight : List.of(numericWeight, actionsWeight, timelinessWeight, behaviorWeight)) {
            if (weight < 0 || weight > 100) {
                throw new DomainRuleBroken("weights", "each weight is a percentage from 0 to 100");
            }
        }
        int sum = numericWeight + actionsWeight + timelinessWeight + behaviorWeight;
        if (sum != 100) {
            throw new DomainRuleBroken("weights", "numericWeight + actionsWeight + timelinessWeight + behaviorWeight must be 100, not " + sum);
        }
        if (metricCap == null || metricCap.compareTo(BigDecimal.ONE) < 0 || metricCap.compareTo(new BigDecimal("2")) > 0) {
            throw new DomainRuleBroken("metricCap", "between 1.00 (no credit beyond target) and 2.00");
        }
        if (lateCredit == null || lateCredit.signum() < 0 || lateCredit.compareTo(BigDecimal.ONE) > 0) {
            throw new DomainRuleBroken("lateCredit", "between 0 and 1");
        }
        if (stretchCredit != null && (stretchCredit.compareTo(BigDecimal.ONE) < 0 || stretchCredit.compareTo(new BigDecimal("2")) > 0)) {
            throw new DomainRuleBroken("stretchCredit", "between 1.00 and 2.00 (the ratio credited at the stretch level)");
        }
        if (challengeCredit != null && (challengeCredit.compareTo(new BigDecimal("2")) > 0
                || challengeCredit.compareTo(stretchCredit == null ? BigDecimal.ONE : stretchCredit) < 0)) {
            throw new DomainRuleBroken("challengeCredit", "between the stretch credit (or 1.00) and 2.00");
        }
        if (payBands == null || payBands.isEmpty()) {
            throw new DomainRuleBroken("payBands", "at least one band");
        }
        for (PayBand band : payBands) {
            if (band.minTotal() == null || band.factor() == null || band.factor().signum() < 0) {
                throw new DomainRuleBroken("payBands", "each band needs minTotal and a factor of 0 or more");
            }
        }
        if (payBands.stream().noneMatch(b -> b.minTotal().signum() <= 0)) {
            throw new DomainRuleBroken("payBands", "one band must start at 0, so every total has a factor");
        }
    }

    /** The factor of the highest band the total reaches. */
    public BigDecimal payFactor(BigDecimal total) {
        return payBands.stream().sorted(Comparator.comparing(PayBand::minTotal).reversed())
                .filter(b -> total.compareTo(b.minTotal()) >= 0).findFirst().map(PayBand::factor)
                .orElse(BigDecimal.ZERO);
    }

    public Rubric asVersion(int newVersion, String by, Instant at) {
        return new Rubric(newVersion, numericWeight, actionsWeight, timelinessWeight, behaviorWeight, metricCap, lateCredit,
                payBands, by, at, stretchCredit, challengeCredit);
    }
}
