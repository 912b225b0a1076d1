package com.acme.goals.scoring.config;

import com.acme.goals.contracts.Topics;
import com.acme.goals.platform.feed.ConsumerPositions;
import com.acme.goals.platform.messaging.OwnedTopics;
import com.acme.goals.platform.messaging.ProjectionLag;
import com.acme.goals.scoring.application.ReadModelRebuild;
import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.team.org.OrgChart;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.util.List;

/** What scanning cannot wire: the rebuild's list of what it empties, and the topic scoring owns. */
@Configuration
public class ScoringConfiguration {

    @Bean
    public OwnedTopics ownedTopics() {
        return OwnedTopics.of(Topics.SCORING_EVENTS);
    }

    /** Every collection scoring projects from Kafka; score-views (Axon) empties its own on reset. */
    @Bean
    public ReadModelRebuild readModelRebuild(KafkaListenerEndpointRegistry registry, ProjectionLag projectionLag,
                                             MongoDatabase serviceDatabase, EventProcessingConfiguration processing,
                                             ConsumerPositions positions, ActivityLedger activityLedger) {
        return new ReadModelRebuild(registry, projectionLag, serviceDatabase, processing,
                List.of("goal_targets", ActivityLedger.COLLECTION, ActivityLedger.LEGACY_COLLECTION, "report_timeliness", "report_notes", OrgChart.COLLECTION),
                List.of("score-views"), positions, activityLedger::forget);
    }
}
