package com.acme.goals.scoring.domain;

import com.acme.goals.contracts.metric.MetricCatalogue;
import com.acme.goals.contracts.scoring.LeaderboardClosed;
import com.acme.goals.contracts.scoring.LeaderboardOpened;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.scoring.domain.LeaderboardCommands.CloseLeaderboard;
import com.acme.goals.scoring.domain.LeaderboardCommands.OpenLeaderboard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A team's leaderboard, opt-in by its supervisor: off until opened. Opening it again the same way, or closing a closed
 * one, records nothing.
 */
@Aggregate
public class Leaderboard {

    @AggregateIdentifier
    private String supervisorId;
    private boolean open;
    private String rankBy;
    private String metric;

    protected Leaderboard() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenLeaderboard command, Clock clock) {
        if (!"SCORE".equals(command.rankBy()) && !"METRIC".equals(command.rankBy())) {
            throw new DomainRuleBroken("rankBy", "rankBy '" + command.rankBy() + "' is none of SCORE, METRIC");
        }
        String metric = "METRIC".equals(command.rankBy()) ? command.metric() : null;
        if ("METRIC".equals(command.rankBy()) && (metric == null || MetricCatalogue.builtIn(metric).isEmpty())) {
            throw new DomainRuleBroken("metric", "ranking by METRIC needs a metric of the catalogue (GET /api/metrics); closest: "
                    + String.join(", ", MetricCatalogue.closest(metric, MetricCatalogue.builtIns().stream()
                    .map(MetricCatalogue.Metric::name).toList())));
        }
        if (open && command.rankBy().equals(rankBy) && Objects.equals(metric, this.metric)) {
            return;
        }
        apply(new LeaderboardOpened(command.supervisorId(), command.rankBy(), metric, command.by(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CloseLeaderboard command, Clock clock) {
        if (supervisorId == null) {
            // never opened: nothing to close, and no empty aggregate is created for it
            throw new com.acme.goals.platform.errors.NotFound("the leaderboard of " + command.supervisorId() + " was never opened");
        }
        if (open) {
            apply(new LeaderboardClosed(command.supervisorId(), command.by(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(LeaderboardOpened event) {
        supervisorId = event.supervisorId();
        open = true;
        rankBy = event.rankBy();
        metric = event.metric();
    }

    @EventSourcingHandler
    void on(LeaderboardClosed event) {
        supervisorId = event.supervisorId();
        open = false;
    }
}
