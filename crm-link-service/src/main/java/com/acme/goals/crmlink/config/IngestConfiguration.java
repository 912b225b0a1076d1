package com.acme.goals.crmlink.config;

import com.acme.goals.crmlink.application.InboundActivity;
import com.acme.goals.crmlink.messaging.ActivityListener;
import com.acme.goals.crmlink.application.ActivityPipeline;
import com.acme.goals.crmlink.messaging.ParkedRelease;
import com.acme.goals.crmlink.application.ParkedActivity;
import com.acme.goals.crmlink.application.SeenEvents;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.platform.messaging.InboundContract;
import com.acme.goals.team.org.OrgChart;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import com.acme.goals.platform.feed.DeadLetters;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
@org.springframework.scheduling.annotation.EnableScheduling
public class IngestConfiguration {

    @Bean
    public SeenEvents seenEvents(MongoDatabase serviceDatabase) {
        return new SeenEvents(serviceDatabase);
    }

    @Bean
    public ParkedActivity parkedActivity(MongoDatabase serviceDatabase) {
        return new ParkedActivity(serviceDatabase);
    }

    @Bean
    public ActivityPipeline activityPipeline(InboundContract contract, ObjectMapper objectMapper, Clock clock, SeenEvents seen, ParkedActivity parked,
                                             OrgChart orgChart, Producer<String, byte[]> eventProducer, CloudEventCodec codec,
                                             MeterRegistry meters, DeadLetters deadLetters,
                                             @Value("${spring.application.name}") String service) {
        return new ActivityPipeline(new InboundActivity(contract, objectMapper, clock), seen, parked, orgChart, eventProducer, codec,
                meters, clock, deadLetters, service);
    }

    @Bean
    public ActivityListener activityListener(ActivityPipeline pipeline) {
        return new ActivityListener(pipeline);
    }

    @Bean
    public ParkedRelease parkedRelease(ParkedActivity parked, OrgChart orgChart, ActivityPipeline pipeline) {
        return new ParkedRelease(parked, orgChart, pipeline);
    }
}
