package com.acme.goals.crmlink.domain;

import com.acme.goals.crmlink.domain.CustomerLinkCommands.LinkCustomer;

import com.acme.goals.contracts.crm.CustomerLinked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer linked to one goal (or one action of it). The id is derived from the three, so a second request to
 * link the same pair finds the link and records nothing new.
 */
@Aggregate
public class CustomerLink {
    @AggregateIdentifier
    private String linkId;
    private boolean linked;

    protected CustomerLink() {
    }

    public static String id(String goalId, String actionId, String customerId) {
        return "L-" + UUID.nameUUIDFromBytes((goalId + "|" + (actionId == null ? "" : actionId) + "|" + customerId)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** @return whether this request made the link (false: it already existed) */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(LinkCustomer command, Clock clock) {
        if (linked) {
            return false;
        }
        apply(new CustomerLinked(command.linkId(), command.goalId(), command.actionId(), command.customerId(),
                command.ownerId(), command.periodType(), command.periodKey(), command.by(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(CustomerLinked event) {
        linkId = event.linkId();
        linked = true;
    }
}
