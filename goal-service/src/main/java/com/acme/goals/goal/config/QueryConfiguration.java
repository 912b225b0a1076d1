package com.acme.goals.goal.config;

import com.acme.goals.goal.query.GoalProjection;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class QueryConfiguration {
    @Bean
    public GoalProjection goalProjection(MongoDatabase serviceDatabase, ObjectMapper objectMapper) {
        return new GoalProjection(serviceDatabase, objectMapper);
    }
}
