package com.acme.goals.goal.config;

import com.acme.goals.contracts.Topics;
import com.acme.goals.goal.domain.Employee;
import com.acme.goals.goal.domain.Goal;
import com.acme.goals.goal.domain.DeclaredMetric;
import com.acme.goals.goal.domain.GoalPlanning;
import com.acme.goals.goal.domain.Metrics;
import com.acme.goals.goal.readmodel.DeclaredMetrics;
import com.acme.goals.goal.domain.OrgDirectory;
import com.acme.goals.goal.domain.WeeklyPlanning;
import com.acme.goals.platform.messaging.OwnedTopics;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** What scanning cannot wire: the domain's command handlers over Axon's repositories, and the topics goal-service owns. */
@Configuration
public class GoalConfiguration {

    /** The org and goal events goal-service publishes, and the HR feed it is the door for. */
    @Bean
    public OwnedTopics ownedTopics() {
        return OwnedTopics.of(Topics.ORG_EVENTS, Topics.GOAL_EVENTS, Topics.ORG_ACTIVITY);
    }

    @Bean
    public OrgDirectory orgDirectory(@Qualifier("employeeRepository") Repository<Employee> employees,
                                     MongoTemplate axonMongoTemplate, Clock clock) {
        return new OrgDirectory(employees, registeredIn(axonMongoTemplate), clock);
    }

    /**
     * Registered = the first event of the aggregate is stored: one query for a whole batch of hires, on the event
     * store's unique index (aggregate, sequence). Any aggregate's id counts, as for Axon's own last-sequence look-up.
     */
    static OrgDirectory.Registered registeredIn(MongoTemplate axonMongoTemplate) {
        EventEntryConfiguration fields = EventEntryConfiguration.getDefault(); // as AxonMongoConfiguration stores events
        return ids -> {
            java.util.Set<String> found = new java.util.HashSet<>();
            axonMongoTemplate.eventCollection()
                    .find(Filters.and(Filters.in(fields.aggregateIdentifierProperty(), ids),
                            Filters.eq(fields.sequenceNumberProperty(), 0L)))
                    .projection(Projections.include(fields.aggregateIdentifierProperty()))
                    .forEach(d -> found.add(d.getString(fields.aggregateIdentifierProperty())));
            return found;
        };
    }

    @Bean
    public WeeklyPlanning weeklyPlanning(@Qualifier("goalRepository") Repository<Goal> goals, Clock clock) {
        return new WeeklyPlanning(goals, clock);
    }

    @Bean
    public GoalPlanning goalPlanning(@Qualifier("goalRepository") Repository<Goal> goals, OrgDirectory org, Metrics metrics,
                                     Clock clock, @Value("${goals.targets.allow-stretch:false}") boolean allowStretch) {
        return new GoalPlanning(goals, org, metrics, clock, allowStretch);
    }

    @Bean
    public Metrics metrics(@Qualifier("declaredMetricRepository") Repository<DeclaredMetric> declared,
                           DeclaredMetrics declaredMetrics, Clock clock) {
        return new Metrics(declared, declaredMetrics::names, clock);
    }
}
