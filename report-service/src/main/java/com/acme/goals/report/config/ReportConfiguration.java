package com.acme.goals.report.config;

import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.SummarySubmitted;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.report.domain.ReportingLines;
import com.acme.goals.report.readmodel.ReportIndex;
import com.acme.goals.report.application.DeadlineSweep;
import com.acme.goals.report.readmodel.ReportProjection;
import com.acme.goals.report.readmodel.ReportSlots;
import org.axonframework.commandhandling.gateway.CommandGateway;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@org.springframework.scheduling.annotation.EnableScheduling
public class ReportConfiguration {

    /** The report domain asks the org chart projected from org.events who stands above whom. */
    @Bean
    public ReportingLines reportingLines(OrgChart orgChart) {
        return orgChart::isAbove;
    }

    @Bean
    public TemplateCatalogue templateCatalogue(MongoDatabase serviceDatabase, ObjectMapper objectMapper) {
        return new TemplateCatalogue(serviceDatabase, objectMapper);
    }

    @Bean
    public TemplateSeed templateSeed(TemplateCatalogue catalogue, ObjectMapper objectMapper) {
        return new TemplateSeed(catalogue, objectMapper);
    }

    @Bean
    public ReportIndex reportIndex(MongoDatabase serviceDatabase) {
        return new ReportIndex(serviceDatabase);
    }

    @Bean
    public ReportSlots reportSlots(MongoDatabase serviceDatabase) {
        return new ReportSlots(serviceDatabase);
    }

    @Bean
    public DeadlineSweep deadlineSweep(TemplateCatalogue templates, OrgChart orgChart, ReportIndex index, ReportSlots slots,
                                       CommandGateway commands, java.time.Clock clock, MongoDatabase serviceDatabase,
                                       org.axonframework.eventsourcing.eventstore.EventStore eventStore) {
        return new DeadlineSweep(templates, orgChart, index, slots, commands, clock,
                new com.acme.goals.report.application.SweepCursor(serviceDatabase),
                reportId -> eventStore.readEvents(reportId).asStream().anyMatch(event -> event.getPayload() instanceof PlanSubmitted
                        || event.getPayload() instanceof SummarySubmitted));
    }

    @Bean
    public ReportProjection reportProjection(MongoDatabase serviceDatabase) {
        return new ReportProjection(serviceDatabase);
    }
}
