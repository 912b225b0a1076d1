package com.acme.goals.scoring.domain;

import com.acme.goals.contracts.scoring.WeekScored;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of a week score, free of any store: the same rubric and inputs always give the same parts, which is
 * what lets a rubric change be applied to past weeks from their recorded inputs.
 */
public final class WeekScoring {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** The parts and the total. */
    public record Scored(WeekScored.Parts parts, BigDecimal total) {
    }

    public static Scored score(Rubric rubric, WeekScored.Inputs in) {
        BigDecimal numeric = numeric(rubric, in);
        BigDecimal actions = in.actionsPlanned() == 0 ? null
                : percent(BigDecimal.valueOf(in.actionsCompleted()), BigDecimal.valueOf(in.actionsPlanned()));
        int due = in.reportsOnTime() + in.reportsLate() + in.reportsMissing();
        BigDecimal timeliness = due == 0 ? null : percent(BigDecimal.valueOf(in.reportsOnTime())
                .add(rubric.lateCredit().multiply(BigDecimal.valueOf(in.reportsLate()))), BigDecimal.valueOf(due));
        BigDecimal behavior = BigDecimal.valueOf(in.behaviorRating()).setScale(2, RoundingMode.HALF_UP);

        // a part that did not apply this week is left out and the others are weighed among themselves
        BigDecimal weighted = BigDecimal.ZERO;
        int weights = 0;
        if (numeric != null) {
            weighted = weighted.add(numeric.multiply(BigDecimal.valueOf(rubric.numericWeight())));
            weights += rubric.numericWeight();
        }
        if (actions != null) {
            weighted = weighted.add(actions.multiply(BigDecimal.valueOf(rubric.actionsWeight())));
            weights += rubric.actionsWeight();
        }
        if (timeliness != null) {
            weighted = weighted.add(timeliness.multiply(BigDecimal.valueOf(rubric.timelinessWeight())));
            weights += rubric.timelinessWeight();
        }
        weighted = weighted.add(behavior.multiply(BigDecimal.valueOf(rubric.behaviorWeight())));
        weights += rubric.behaviorWeight();
        BigDecimal total = weights == 0 ? BigDecimal.ZERO.setScale(2)
                : weighted.divide(BigDecimal.valueOf(weights), 2, RoundingMode.HALF_UP);
        return new Scored(new WeekScored.Parts(numeric, actions, timeliness, behavior), total);
    }

    /** The mean over the week's metrics of actual/target, each capped; null when the week had no targets. */
    private static BigDecimal numeric(Rubric rubric, WeekScored.Inputs in) {
        BigDecimal sum = BigDecimal.ZERO;
        int counted = 0;
        for (WeekScored.MetricResult m : in.metrics()) {
            if (m.target().signum() <= 0) {
                continue; // a zero target cannot be missed or met: it says nothing
            }
            sum = sum.add(ratio(rubric, m));
            counted++;
        }
        return counted == 0 ? null : sum.multiply(HUNDRED).divide(BigDecimal.valueOf(counted), 2, RoundingMode.HALF_UP);
    }

    /** actual/target capped; a tier the rubric credits lifts it to that credit (a week's tiers come from its goals). */
    static BigDecimal ratio(Rubric rubric, WeekScored.MetricResult m) {
        BigDecimal ratio = m.actual().divide(m.target(), 6, RoundingMode.HALF_UP).min(rubric.metricCap());
        if (rubric.stretchCredit() != null && m.stretch() != null && m.actual().compareTo(m.stretch()) >= 0) {
            ratio = ratio.max(rubric.stretchCredit());
        }
        if (rubric.challengeCredit() != null && m.challenge() != null && m.actual().compareTo(m.challenge()) >= 0) {
            ratio = ratio.max(rubric.challengeCredit());
        }
        return ratio;
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    private WeekScoring() {
    }
}
