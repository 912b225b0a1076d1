package com.acme.goals.contracts.goal;

import java.math.BigDecimal;

/**
 * One measurable number of a goal: {@code payment_collection 100000 CNY}, {@code new_customers 5 count}.
 * The unit is an ISO 4217 currency for money metrics, else a count unit. {@code stretch} (冲刺) and {@code challenge}
 * (挑战) are optional levels above the target, each above the one before (added; goals set before them have neither).
 */
public record NumericTarget(String metric, BigDecimal target, String unit, BigDecimal stretch, BigDecimal challenge) {

    public NumericTarget(String metric, BigDecimal target, String unit) {
        this(metric, target, unit, null, null);
    }

    /** The level a tier asks for: the target itself, or the stretch or challenge level (the target when unset). */
    public BigDecimal level(Tier tier) {
        return switch (tier) {
            case BELOW, TARGET -> target;
            case STRETCH -> stretch != null ? stretch : target;
            case CHALLENGE -> challenge != null ? challenge : (stretch != null ? stretch : target);
        };
    }

    /** The highest tier an actual reaches (目标 / 冲刺 / 挑战), or BELOW. */
    public Tier reached(BigDecimal actual) {
        if (challenge != null && actual.compareTo(challenge) >= 0) {
            return Tier.CHALLENGE;
        }
        if (stretch != null && actual.compareTo(stretch) >= 0) {
            return Tier.STRETCH;
        }
        return target != null && actual.compareTo(target) >= 0 ? Tier.TARGET : Tier.BELOW;
    }

    public enum Tier { BELOW, TARGET, STRETCH, CHALLENGE }
}
