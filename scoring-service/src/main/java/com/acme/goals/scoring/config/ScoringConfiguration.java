package com.acme.goals.scoring.config;

import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.scoring.application.ReadModelRebuild;
import com.acme.goals.scoring.messaging.ReportEventsListener;
import com.acme.goals.scoring.readmodel.GoalTargets;
import com.acme.goals.scoring.readmodel.ReportNotes;
import com.acme.goals.scoring.readmodel.ReportTimeliness;
import com.acme.goals.scoring.readmodel.Rubrics;
import com.acme.goals.scoring.readmodel.ScoreViews;
import com.acme.goals.scoring.readmodel.TeamDashboard;
import com.acme.goals.scoring.readmodel.WeekBoard;
import com.acme.goals.scoring.readmodel.WeekInputs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Week scores, monthly totals and rubrics. */
@Configuration
public class ScoringConfiguration {

    @Bean
    public ReportTimeliness reportTimeliness(MongoDatabase serviceDatabase) {
        return new ReportTimeliness(serviceDatabase);
    }

    @Bean
    public ReportNotes reportNotes(MongoDatabase serviceDatabase) {
        return new ReportNotes(serviceDatabase);
    }

    @Bean
    public ReportEventsListener reportEventsListener(ReportTimeliness reportTimeliness, ReportNotes reportNotes) {
        return new ReportEventsListener(reportTimeliness, reportNotes);
    }

    @Bean
    public Rubrics rubrics(MongoDatabase serviceDatabase, ObjectMapper objectMapper, Clock clock) {
        return new Rubrics(serviceDatabase, objectMapper, clock);
    }

    @Bean
    public WeekInputs weekInputs(GoalTargets goalTargets, ActivityLedger ledger, ReportTimeliness reportTimeliness) {
        return new WeekInputs(goalTargets, ledger, reportTimeliness);
    }

    @Bean
    public WeekBoard weekBoard(GoalTargets goalTargets, ActivityLedger ledger, ReportTimeliness reportTimeliness,
                               ReportNotes reportNotes, ScoreViews scoreViews) {
        return new WeekBoard(goalTargets, ledger, reportTimeliness, reportNotes, scoreViews);
    }

    /** Every collection scoring projects from Kafka; score-views (Axon) empties its own on reset. */
    @Bean
    public ReadModelRebuild readModelRebuild(org.springframework.kafka.config.KafkaListenerEndpointRegistry registry,
                                             com.acme.goals.platform.messaging.ProjectionLag projectionLag,
                                             MongoDatabase serviceDatabase,
                                             org.axonframework.config.EventProcessingConfiguration processing,
                                             com.acme.goals.platform.feed.ConsumerPositions positions) {
        return new ReadModelRebuild(registry, projectionLag, serviceDatabase, processing,
                java.util.List.of("goal_targets", "activity_days", "report_timeliness", "report_notes",
                        com.acme.goals.team.org.OrgChart.COLLECTION),
                java.util.List.of("score-views"), positions);
    }

    @Bean
    public TeamDashboard teamDashboard(com.acme.goals.team.org.OrgChart orgChart, GoalTargets goalTargets,
                                       ActivityLedger ledger, ReportTimeliness reportTimeliness, ScoreViews scoreViews) {
        return new TeamDashboard(orgChart, goalTargets, ledger, reportTimeliness, scoreViews);
    }

    @Bean
    public ScoreViews scoreViews(MongoDatabase serviceDatabase, ObjectMapper objectMapper) {
        return new ScoreViews(serviceDatabase, objectMapper);
    }
}
