package com.acme.goals.scoring.readmodel;

import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.contracts.scoring.LeaderboardClosed;
import com.acme.goals.contracts.scoring.LeaderboardOpened;
import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.team.org.OrgChart;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which teams opened a leaderboard and how they rank, and the ranking itself, computed on read from the same read
 * models as the team dashboard: the line below the supervisor, people who left excluded. Equal values share a rank
 * (1, 1, 3); people with nothing to rank by (no score yet, no target on the metric) come last, unranked.
 */
@Component
@ProcessingGroup("score-views")
public class Leaderboards {

    public record Settings(String supervisorId, String rankBy, String metric, String openedBy, String openedAt) {
    }

    public record Entry(Integer rank, String employeeId, BigDecimal value) {
    }

    public record Page(String supervisorId, String periodKey, String rankBy, String metric, int page, int size, int total,
                       List<Entry> entries) {
    }

    private final MongoCollection<Document> settings;
    private final OrgChart orgChart;
    private final GoalTargets goals;
    private final ActivityLedger ledger;
    private final ScoreViews scores;

    public Leaderboards(MongoDatabase database, OrgChart orgChart, GoalTargets goals, ActivityLedger ledger, ScoreViews scores) {
        this.settings = database.getCollection("leaderboards");
        this.orgChart = orgChart;
        this.goals = goals;
        this.ledger = ledger;
        this.scores = scores;
    }

    @EventHandler
    void on(LeaderboardOpened e) {
        settings.replaceOne(Filters.eq("_id", e.supervisorId()), new Document("_id", e.supervisorId())
                .append("rankBy", e.rankBy()).append("metric", e.metric()).append("openedBy", e.openedBy())
                .append("openedAt", e.openedAt().toString()), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(LeaderboardClosed e) {
        settings.deleteOne(Filters.eq("_id", e.supervisorId()));
    }

    @ResetHandler
    void reset() {
        settings.deleteMany(new Document());
    }

    public Optional<Settings> settings(String supervisorId) {
        return Optional.ofNullable(settings.find(Filters.eq("_id", supervisorId)).first())
                .map(d -> new Settings(d.getString("_id"), d.getString("rankBy"), d.getString("metric"),
                        d.getString("openedBy"), d.getString("openedAt")));
    }

    /** @param period a WEEK or MONTH */
    public Page rank(Settings board, Period period, int page, int size) {
        List<String> team = new ArrayList<>();
        for (String employeeId : orgChart.lineBelow(board.supervisorId())) {
            if (orgChart.leftAt(employeeId).isEmpty()) {
                team.add(employeeId);
            }
        }
        Map<String, BigDecimal> values = "SCORE".equals(board.rankBy()) ? scoresOf(team, period) : completionOf(team, period, board.metric());
        List<Entry> ranked = new ArrayList<>();
        team.sort(Comparator.comparing((String id) -> values.get(id), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.naturalOrder()));
        BigDecimal previous = null;
        int rank = 0;
        for (int i = 0; i < team.size(); i++) {
            BigDecimal value = values.get(team.get(i));
            if (value != null && (previous == null || value.compareTo(previous) != 0)) {
                rank = i + 1;
            }
            previous = value;
            ranked.add(new Entry(value == null ? null : rank, team.get(i), value));
        }
        int from = Math.min(page * size, ranked.size());
        return new Page(board.supervisorId(), period.key(), board.rankBy(), board.metric(), page, size, ranked.size(),
                ranked.subList(from, Math.min(from + size, ranked.size())));
    }

    private Map<String, BigDecimal> scoresOf(List<String> team, Period period) {
        Map<String, BigDecimal> values = new HashMap<>();
        if (period.type() == PeriodType.WEEK) {
            scores.latestWeeks(team, period.key()).forEach((id, week) -> values.put(id, week.total()));
        } else {
            scores.latestMonths(team, period.key()).forEach((id, month) -> values.put(id, month.total()));
        }
        return values;
    }

    /** Actual over target of the metric, in percent, over each member's own goals of the period. */
    private Map<String, BigDecimal> completionOf(List<String> team, Period period, String metric) {
        Map<String, Map<String, BigDecimal>> actuals = ledger.totalsByOwner(team, period.firstDay(), period.lastDay());
        Map<String, List<GoalTargets.Goal>> goalsOf = goals.ofOwners(team, period.key());
        Map<String, BigDecimal> values = new HashMap<>();
        for (String id : team) {
            BigDecimal target = BigDecimal.ZERO;
            String unit = null; // one unit per metric and person: targets in another currency are not added up
            for (GoalTargets.Goal goal : goalsOf.getOrDefault(id, List.of())) {
                for (NumericTarget t : goal.targets()) {
                    if (t.metric().equals(metric) && (unit == null || unit.equals(t.unit()))) {
                        unit = t.unit();
                        target = target.add(t.target());
                    }
                }
            }
            BigDecimal actual = actuals.getOrDefault(id, Map.of()).getOrDefault(metric + "|" + unit, BigDecimal.ZERO);
            if (target.signum() > 0) {
                values.put(id, actual.multiply(BigDecimal.valueOf(100)).divide(target, 2, RoundingMode.HALF_UP));
            }
        }
        return values;
    }
}
