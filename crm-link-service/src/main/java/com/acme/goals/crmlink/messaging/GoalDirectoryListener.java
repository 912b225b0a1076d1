package com.acme.goals.crmlink.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.contracts.goal.GoalClosed;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.crmlink.query.GoalDirectory;
import com.acme.goals.platform.messaging.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Keeps crm-link's {@link GoalDirectory} current from {@code goal.events}. */
public class GoalDirectoryListener {

    private final CloudEventCodec codec;
    private final GoalDirectory directory;

    public GoalDirectoryListener(CloudEventCodec codec, GoalDirectory directory) {
        this.codec = codec;
        this.directory = directory;
    }

    @KafkaListener(topics = Topics.GOAL_EVENTS, groupId = "${spring.application.name}.goal-directory")
    public void on(ConsumerRecord<String, byte[]> record) {
        codec.payload(codec.decode(record.value())).ifPresent(event -> {
            if (event instanceof GoalSet e) {
                directory.apply(e);
            } else if (event instanceof ActionPlanned e) {
                directory.apply(e);
            } else if (event instanceof ActionRemoved e) {
                directory.apply(e);
            } else if (event instanceof GoalClosed e) {
                directory.apply(e);
            }
        });
    }
}
