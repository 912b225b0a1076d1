package com.acme.goals.scoring.config;

import com.acme.goals.scoring.messaging.GoalTargetsListener;
import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.scoring.readmodel.GoalProgress;
import com.acme.goals.scoring.readmodel.GoalTargets;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class ReadModelConfiguration {

    @Bean
    public GoalTargets goalTargets(MongoDatabase serviceDatabase) {
        return new GoalTargets(serviceDatabase);
    }

    @Bean
    public GoalProgress goalProgress(GoalTargets goals, ActivityLedger ledger) {
        return new GoalProgress(goals, ledger);
    }

    @Bean
    public GoalTargetsListener goalTargetsListener(GoalTargets goals) {
        return new GoalTargetsListener(goals);
    }
}
