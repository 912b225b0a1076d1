package com.acme.goals.goal.config;

import com.acme.goals.goal.messaging.CustomerLinkListener;
import com.acme.goals.goal.readmodel.GoalCustomers;
import com.acme.goals.goal.readmodel.GoalHistory;
import com.acme.goals.goal.readmodel.GoalProjection;
import org.axonframework.eventsourcing.eventstore.EventStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class QueryConfiguration {
    @Bean
    public GoalHistory goalHistory(EventStore eventStore) {
        return new GoalHistory(eventStore);
    }

    @Bean
    public GoalCustomers goalCustomers(MongoDatabase serviceDatabase) {
        return new GoalCustomers(serviceDatabase);
    }

    @Bean
    public CustomerLinkListener customerLinkListener(GoalCustomers goalCustomers) {
        return new CustomerLinkListener(goalCustomers);
    }

    @Bean
    public GoalProjection goalProjection(MongoDatabase serviceDatabase, ObjectMapper objectMapper) {
        return new GoalProjection(serviceDatabase, objectMapper);
    }
}
