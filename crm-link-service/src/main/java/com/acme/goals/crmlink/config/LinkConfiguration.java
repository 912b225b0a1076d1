package com.acme.goals.crmlink.config;

import com.acme.goals.crmlink.domain.CustomerLinking;
import com.acme.goals.crmlink.messaging.GoalDirectoryListener;
import com.acme.goals.crmlink.readmodel.CustomerLinks;
import com.acme.goals.crmlink.readmodel.GoalDirectory;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Customer links: the goals crm-link knows of, the link rules, and the links read model. */
@Configuration
public class LinkConfiguration {

    @Bean
    public GoalDirectory goalDirectory(MongoDatabase serviceDatabase) {
        return new GoalDirectory(serviceDatabase);
    }

    @Bean
    public GoalDirectoryListener goalDirectoryListener(GoalDirectory goalDirectory) {
        return new GoalDirectoryListener(goalDirectory);
    }

    @Bean
    public CustomerLinks customerLinks(MongoDatabase serviceDatabase) {
        return new CustomerLinks(serviceDatabase);
    }

    @Bean
    public CustomerLinking customerLinking(GoalDirectory goalDirectory, CommandGateway commands) {
        return new CustomerLinking(goalDirectory, commands);
    }
}
