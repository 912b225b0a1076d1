package com.acme.goals.goal.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.crm.CustomerLinked;
import com.acme.goals.goal.domain.GoalCommands.CompleteAction;
import com.acme.goals.goal.readmodel.GoalCustomers;
import com.acme.goals.goal.readmodel.GoalProjection;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.feed.BadRecord;
import com.acme.goals.platform.feed.EventFeed;
import com.acme.goals.platform.feed.NotKnownYet;
import com.acme.goals.platform.messaging.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What goal-service takes from {@code crm.events}, in one consumer: every feed on that topic reads every record crm-link
 * writes, so two feeds here had cost the broker and this service a second pass over each (issue 18).
 * <ul>
 * <li>A visit or call logged in the CRM with the {@code actionId} of a planned action completes that action, once,
 * however often the activity is delivered. An action of another owner is refused (to {@code crm.events.dlq} with
 * the reason); an action not known yet (its goal not projected yet) is parked until it is, never dead-lettered.</li>
 * <li>Customers linked in crm-link show on the goal ({@code GET /api/goals/{id}}, {@code links}).</li>
 * </ul>
 * The group keeps the name of the feed that completed actions before the customer links joined it, and with it its
 * stored position (a new name would read the whole topic again); where the retired {@code customer-links} feed stood
 * further back, it resumes there.
 */
@Component
public class CrmEventsListener extends EventFeed {

    private static final Logger log = LoggerFactory.getLogger(CrmEventsListener.class);
    private final CommandGateway commands;
    private final GoalProjection goals;

    public CrmEventsListener(CommandGateway commands, GoalProjection goals, GoalCustomers customers) {
        super("action-completions", Topics.CRM_EVENTS);
        takesOver("customer-links");
        waitsForLargerBatches(Duration.ofMillis(250)); // nearly every record here is a payment passed over
        this.commands = commands;
        this.goals = goals;
        on(ActivityRecorded.class, (activity, envelope) -> {
            if (activity.actionId() != null) {
                complete(activity);
            }
        });
        on(CustomerLinked.class, (linked, envelope) -> customers.apply(linked));
    }

    /** Most activity completes no action; its header says so, and it is not read (a record without it is). */
    @Override
    protected boolean passesOver(ConsumerRecord<String, byte[]> record) {
        return CloudEventCodec.completesNoAction(record.headers());
    }

    private void complete(ActivityRecorded activity) {
        Document action = goals.action(activity.actionId()).orElseThrow(() -> new NotKnownYet("action:" + activity.actionId(),
                "data.actionId: no planned action " + activity.actionId() + " yet"));
        if (!activity.ownerId().equals(action.getString("ownerId"))) {
            throw new BadRecord("data.actionId: action " + activity.actionId() + " belongs to "
                    + action.getString("ownerId") + ", not to " + activity.ownerId() + " who logged the " + activity.inboundType());
        }
        try {
            commands.sendAndWait(new CompleteAction(action.getString("goalId"), activity.actionId(),
                    "done: " + activity.inboundType() + " " + activity.recordRef(), activity.ownerId()));
            log.info("action {} of goal {} completed by {} {}", activity.actionId(), action.getString("goalId"),
                    activity.inboundType(), activity.recordRef());
        } catch (Conflict alreadyDone) {
            log.info("action {}: {}", activity.actionId(), alreadyDone.getMessage()); // completed once; a re-delivery changes nothing
        }
    }
}
