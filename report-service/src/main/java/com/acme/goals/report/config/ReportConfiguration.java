package com.acme.goals.report.config;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.SummarySubmitted;
import com.acme.goals.platform.messaging.OwnedTopics;
import com.acme.goals.platform.web.PeerService;
import com.acme.goals.report.application.DeadlineSweep;
import com.acme.goals.report.application.SweepCursor;
import com.acme.goals.report.application.TemplateRevisions;
import com.acme.goals.report.readmodel.TemplateAudit;
import com.acme.goals.report.domain.ReportingLines;
import com.acme.goals.report.readmodel.ReportIndex;
import com.acme.goals.report.readmodel.ReportSlots;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import com.acme.goals.team.org.OrgChart;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.time.Duration;

/** What scanning cannot wire: the domain's ports, the deadline sweep's memory, the topic report-service owns, and scoring-service's address. */
@Configuration
public class ReportConfiguration {

    @Bean
    public OwnedTopics ownedTopics() {
        return OwnedTopics.of(Topics.REPORT_EVENTS);
    }

    /** scoring-service, whose actuals prefill a draft's source fields (decision 20): its instances and how long to wait. */
    @Bean
    public PeerService scoringService(RestClient.Builder builder, @Value("${goals.scoring.url}") String urls,
                                      @Value("${goals.scoring.timeout}") Duration timeout) {
        return new PeerService("scoring-service", builder, urls, timeout);
    }

    /** The report domain asks the org chart projected from org.events who stands above whom. */
    @Bean
    public ReportingLines reportingLines(OrgChart orgChart) {
        return orgChart::isAbove;
    }

    @Bean
    public SweepCursor sweepCursor(MongoDatabase serviceDatabase) {
        return new SweepCursor(serviceDatabase);
    }

    @Bean
    public TemplateRevisions templateRevisions(TemplateCatalogue catalogue, TemplateAudit audit, SweepCursor cursor, Clock clock) {
        return new TemplateRevisions(catalogue, audit, cursor, clock);
    }

    /** A report counts as submitted once its event stream holds a submission (the store, not a lagging view). */
    @Bean
    public DeadlineSweep deadlineSweep(TemplateCatalogue templates, OrgChart orgChart, ReportIndex index, ReportSlots slots,
                                       CommandGateway commands, Clock clock, SweepCursor cursor, EventStore eventStore,
                                       @org.springframework.beans.factory.annotation.Value("${goals.escalation.first-grace:PT4H}") java.time.Duration firstGrace,
                                       @org.springframework.beans.factory.annotation.Value("${goals.escalation.second-grace:PT24H}") java.time.Duration secondGrace,
                                       @org.springframework.beans.factory.annotation.Value("${goals.timeliness.sweep-interval:PT30S}") java.time.Duration interval,
                                       com.acme.goals.platform.replicas.Leases leases) {
        DeadlineSweep sweep = new DeadlineSweep(templates, orgChart, index, slots, commands, clock, cursor,
                reportId -> eventStore.readEvents(reportId).asStream().anyMatch(event -> event.getPayload() instanceof PlanSubmitted
                        || event.getPayload() instanceof SummarySubmitted), firstGrace, secondGrace);
        // one replica sweeps at a time; a lease of three intervals (at least a minute) outlives a slow run
        java.time.Duration leaseTime = interval.multipliedBy(3).compareTo(java.time.Duration.ofMinutes(1)) < 0
                ? java.time.Duration.ofMinutes(1) : interval.multipliedBy(3);
        return sweep.onOneReplica(() -> leases.hold("deadline-sweep", leaseTime));
    }
}
