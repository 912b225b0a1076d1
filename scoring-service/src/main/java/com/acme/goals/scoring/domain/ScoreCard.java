package com.acme.goals.scoring.domain;

import com.acme.goals.scoring.domain.ScoreCardCommands.ApplyRubric;

import com.acme.goals.scoring.domain.ScoreCardCommands.ScoreWeek;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.contracts.scoring.MonthlyBehaviorTotaled;
import com.acme.goals.contracts.scoring.WeekScored;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An employee's score card for one month: the scores of the weeks that belong to it (Thursday rule) and the monthly
 * weekly-behaviour total they add up to. Scoring a week, or applying a new rubric to the month, records the new week
 * score(s) beside the old and recomputes the total in the same step, so the total never lags its weeks.
 */
@Aggregate
public class ScoreCard {
    /** What a scoring step recorded. */
    public record Recorded(List<WeekScored> weeks, MonthlyBehaviorTotaled month) {
    }

    @AggregateIdentifier
    private String cardId;
    private String employeeId;
    private String month;
    private final Map<String, WeekScored> latest = new TreeMap<>();
    private int totalVersion;

    protected ScoreCard() {
    }

    public static String id(String employeeId, YearMonth month) {
        return employeeId + "|" + month;
    }

    /** The month a week's score counts in: the month of its Thursday. */
    public static YearMonth monthOf(String isoWeek) {
        try {
            return Period.parse(PeriodType.WEEK, isoWeek).owningMonth();
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("isoWeek", "'" + isoWeek + "' is not an ISO week such as " + PeriodType.WEEK.exampleKey());
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recorded handle(ScoreWeek command, Clock clock) {
        YearMonth owning = monthOf(command.isoWeek());
        if (!command.cardId().equals(id(command.employeeId(), owning))) {
            throw new DomainRuleBroken("isoWeek", command.isoWeek() + " belongs to " + owning + " (the month of its Thursday)");
        }
        int rating = command.inputs().behaviorRating();
        if (rating < 0 || rating > 100) {
            throw new DomainRuleBroken("behaviorRating", "from 0 to 100, not " + rating);
        }
        WeekScored before = latest.get(command.isoWeek());
        WeekScoring.Scored scored = WeekScoring.score(command.rubric(), command.inputs());
        WeekScored week = new WeekScored(command.employeeId(), command.isoWeek(), owning.toString(),
                before == null ? 1 : before.version() + 1, command.rubric().version(), scored.parts(), scored.total(),
                command.inputs(), command.comment(), before == null ? "scored" : "re-scored", command.by(), clock.instant());
        apply(week);
        return new Recorded(List.of(week), total(command.rubric(), command.excusedWeeks(), clock));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Recorded handle(ApplyRubric command, Clock clock) {
        if (latest.isEmpty()) {
            throw new NotFound("no week of " + command.cardId() + " has been scored; there is nothing to re-score");
        }
        List<WeekScored> rescored = new ArrayList<>();
        for (WeekScored before : List.copyOf(latest.values())) {
            if (before.rubricVersion() == command.rubric().version()) {
                continue;
            }
            WeekScoring.Scored scored = WeekScoring.score(command.rubric(), before.inputs());
            WeekScored week = new WeekScored(before.employeeId(), before.isoWeek(), before.month(), before.version() + 1,
                    command.rubric().version(), scored.parts(), scored.total(), before.inputs(), before.comment(),
                    "rubric v" + command.rubric().version() + " applied to the month (was v" + before.rubricVersion() + ")",
                    command.by(), clock.instant());
            apply(week);
            rescored.add(week);
        }
        return new Recorded(rescored, total(command.rubric(), command.excusedWeeks(), clock));
    }

    /** The mean of the month's weeks: scored ones by their latest score, unscored ones 0, excused ones left out. */
    private MonthlyBehaviorTotaled total(Rubric rubric, Set<String> excused, Clock clock) {
        List<MonthlyBehaviorTotaled.WeekInMonth> weeks = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        int counted = 0;
        for (Period week : Period.weeksOf(YearMonth.parse(month))) {
            WeekScored scored = latest.get(week.key());
            if (scored != null) {
                weeks.add(new MonthlyBehaviorTotaled.WeekInMonth(week.key(), "SCORED", scored.total()));
                sum = sum.add(scored.total());
                counted++;
            } else if (excused.contains(week.key())) {
                weeks.add(new MonthlyBehaviorTotaled.WeekInMonth(week.key(), "EXCUSED", null));
            } else {
                weeks.add(new MonthlyBehaviorTotaled.WeekInMonth(week.key(), "MISSING", BigDecimal.ZERO.setScale(2)));
                counted++;
            }
        }
        BigDecimal total = counted == 0 ? BigDecimal.ZERO.setScale(2) : sum.divide(BigDecimal.valueOf(counted), 2, RoundingMode.HALF_UP);
        MonthlyBehaviorTotaled event = new MonthlyBehaviorTotaled(employeeId, month, totalVersion + 1, rubric.version(), total,
                rubric.payFactor(total), weeks, clock.instant());
        apply(event);
        return event;
    }

    @EventSourcingHandler
    void on(WeekScored event) {
        cardId = id(event.employeeId(), YearMonth.parse(event.month()));
        employeeId = event.employeeId();
        month = event.month();
        latest.put(event.isoWeek(), event);
    }

    @EventSourcingHandler
    void on(MonthlyBehaviorTotaled event) {
        totalVersion = event.version();
    }
}
