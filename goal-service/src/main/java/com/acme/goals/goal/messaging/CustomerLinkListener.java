package com.acme.goals.goal.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.CustomerLinked;
import com.acme.goals.goal.readmodel.GoalCustomers;
import com.acme.goals.platform.feed.EventFeed;

/** Customers linked in crm-link show on the goal ({@code GET /api/goals/{id}}, {@code links}). */
@Component
public class CustomerLinkListener extends EventFeed {

    public CustomerLinkListener(GoalCustomers customers) {
        super("customer-links", Topics.CRM_EVENTS);
        on(CustomerLinked.class, (linked, envelope) -> customers.apply(linked));
    }
}
