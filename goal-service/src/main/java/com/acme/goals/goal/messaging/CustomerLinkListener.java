package com.acme.goals.goal.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.CustomerLinked;
import com.acme.goals.goal.query.GoalCustomers;
import com.acme.goals.platform.messaging.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Customers linked in crm-link show on the goal ({@code GET /api/goals/{id}}, {@code links}). */
public class CustomerLinkListener {

    private final CloudEventCodec codec;
    private final GoalCustomers customers;

    public CustomerLinkListener(CloudEventCodec codec, GoalCustomers customers) {
        this.codec = codec;
        this.customers = customers;
    }

    @KafkaListener(topics = Topics.CRM_EVENTS, groupId = "${spring.application.name}.customer-links")
    public void on(ConsumerRecord<String, byte[]> record) {
        codec.payload(codec.decode(record.value())).ifPresent(event -> {
            if (event instanceof CustomerLinked linked) {
                customers.apply(linked);
            }
        });
    }
}
