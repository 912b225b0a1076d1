package com.acme.goals.crmlink.config;

import com.acme.goals.contracts.Topics;
import com.acme.goals.crmlink.domain.CustomerLinking;
import com.acme.goals.crmlink.domain.KnownGoals;
import com.acme.goals.platform.messaging.OwnedTopics;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What scanning cannot wire: the link rules (domain) over their port, and the topics crm-link owns. */
@Configuration
public class CrmLinkConfiguration {

    /** The CRM results crm-link publishes, and the inbound activity it is the door for. */
    @Bean
    public OwnedTopics ownedTopics() {
        return OwnedTopics.of(Topics.CRM_EVENTS, Topics.CRM_ACTIVITY);
    }

    @Bean
    public CustomerLinking customerLinking(KnownGoals goals, CommandGateway commands) {
        return new CustomerLinking(goals, commands);
    }
}
