package com.acme.goals.goal.domain;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.time.Clock;
import java.util.List;

/**
 * A real Axon configuration with an in-memory event store, for commands that change two goals in one unit of
 * work (a child and its parent), which the single-aggregate test fixture cannot record.
 */
final class GoalWorld implements AutoCloseable {

    private final Configuration axon;

    GoalWorld(Clock clock, boolean allowStretch) {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Goal.class)
                .registerCommandHandler(c -> new GoalPlanning(c.repository(Goal.class), new GoalTest.ChartStub(), new KnownMetricsStub(clock), clock, allowStretch))
                .registerCommandHandler(c -> new WeeklyPlanning(c.repository(Goal.class), clock))
                .buildConfiguration();
        axon.start();
    }

    CommandGateway commands() {
        return axon.commandGateway();
    }

    List<Object> eventsOf(String goalId) {
        return axon.eventStore().readEvents(goalId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
