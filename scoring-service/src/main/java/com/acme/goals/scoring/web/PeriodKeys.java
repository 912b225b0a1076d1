package com.acme.goals.scoring.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.platform.errors.DomainRuleBroken;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A {@code periodKey} from a query: a 400 naming the field and the kinds a read answers, unless it is one of them. */
final class PeriodKeys {

    private static final Map<PeriodType, String> NAMES = Map.of(PeriodType.YEAR, "a year", PeriodType.QUARTER, "a quarter",
            PeriodType.MONTH, "a month", PeriodType.WEEK, "an ISO week", PeriodType.DAY, "a day");

    /** Every period with days: what a total over days (actuals, records) can be read for. */
    static final Set<PeriodType> WITH_DAYS = PeriodType.CALENDAR;

    /** What a team view (dashboard, leaderboard) is kept for. */
    static final Set<PeriodType> WEEK_OR_MONTH = EnumSet.of(PeriodType.WEEK, PeriodType.MONTH);

    private PeriodKeys() {
    }

    /** {@code what}: the read, as the refusal names it ("a leaderboard"). */
    static Period parse(String periodKey, String what, Set<PeriodType> kinds) {
        String kindsSaid = kinds.stream().sorted().map(kind -> NAMES.get(kind) + " (" + kind.exampleKey() + ")").collect(Collectors.joining(", "))
                .replaceFirst(", ([^,]*)$", " or $1");
        Period period;
        try {
            period = Period.parse(periodKey);
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", "'" + periodKey + "' is not " + kindsSaid);
        }
        if (!kinds.contains(period.type())) {
            throw new DomainRuleBroken("periodKey", what + " can be read for " + kindsSaid + ", not '" + periodKey + "'");
        }
        return period;
    }
}
