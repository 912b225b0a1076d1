package com.acme.goals.goal.readmodel;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.EventTypes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.List;

/** Every change of a goal, straight from its event stream: who, when, why and what. Nothing is overwritten. */
@Component
public class GoalHistory {

    public record Entry(long version, String type, Instant at, Object change) {
    }

    private final EventStore eventStore;

    public GoalHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<Entry> of(String goalId) {
        return eventStore.readEvents(goalId).asStream()
                .map(m -> new Entry(m.getSequenceNumber(), typeName(m), m.getTimestamp(), m.getPayload()))
                .toList();
    }

    private static String typeName(DomainEventMessage<?> message) {
        return EventTypes.byClass(message.getPayloadType()).map(EventTypes.EventType::name)
                .orElse(message.getPayloadType().getSimpleName());
    }
}
