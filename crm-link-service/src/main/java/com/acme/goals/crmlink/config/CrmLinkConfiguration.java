package com.acme.goals.crmlink.config;

import com.acme.goals.contracts.Topics;
import com.acme.goals.crmlink.application.IntegrationClients;
import com.acme.goals.crmlink.domain.CustomerLinking;
import com.acme.goals.crmlink.domain.KnownGoals;
import com.acme.goals.platform.messaging.OwnedTopics;
import com.acme.goals.platform.web.PeerService;
import org.axonframework.commandhandling.gateway.CommandGateway;
import com.acme.goals.tokens.TokenSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What scanning cannot wire: the link rules (domain) over their port, the topics crm-link owns, and scoring-service's address. */
@Configuration
public class CrmLinkConfiguration {

    /** Who may publish for which sources ({@code goals.ingest.clients}); a malformed setting stops the start. */
    @Bean
    public IntegrationClients integrationClients(@Value("${goals.ingest.clients:}") String clients, @Value("${goals.mode:}") String mode,
                                                 Environment environment) {
        return IntegrationClients.parse(clients, TokenSettings.isLocal(mode, List.of(environment.getActiveProfiles())));
    }

    /** The CRM results crm-link publishes, and the inbound activity it is the door for: the shared topic and each client's own. */
    @Bean
    public OwnedTopics ownedTopics(IntegrationClients clients) {
        List<String> topics = new ArrayList<>(List.of(Topics.CRM_EVENTS, Topics.CRM_ACTIVITY));
        topics.addAll(clients.topics());
        return new OwnedTopics(topics);
    }

    /** scoring-service, whose ledger holds the linked customers' records (decision 20): its instances and how long to wait. */
    @Bean
    public PeerService scoringService(RestClient.Builder builder, @Value("${goals.scoring.url}") String urls,
                                      @Value("${goals.scoring.timeout}") Duration timeout) {
        return new PeerService("scoring-service", builder, urls, timeout);
    }

    @Bean
    public CustomerLinking customerLinking(KnownGoals goals, CommandGateway commands) {
        return new CustomerLinking(goals, commands);
    }
}
