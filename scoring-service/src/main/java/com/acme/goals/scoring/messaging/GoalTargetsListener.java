package com.acme.goals.scoring.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.goal.GoalRevised;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.scoring.query.GoalTargets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;


/** Feeds the goal targets from goal.events (activity comes through platform's ActivityLedgerListener); each model is idempotent, so at-least-once delivery is enough. */
public class GoalTargetsListener {

    private static final Logger log = LoggerFactory.getLogger(GoalTargetsListener.class);
    private final CloudEventCodec codec;
    private final GoalTargets goals;

    public GoalTargetsListener(CloudEventCodec codec, GoalTargets goals) {
        this.codec = codec;
        this.goals = goals;
    }

    @KafkaListener(topics = Topics.GOAL_EVENTS, groupId = "${spring.application.name}.goals")
    public void onGoalEvent(ConsumerRecord<String, byte[]> record) {
        var envelope = codec.decode(record.value());
        codec.payload(envelope).ifPresent(event -> {
            if (event instanceof GoalSet set) {
                goals.apply(set);
                log.info("goal {} of {} in {} projected", set.goalId(), set.ownerId(), set.periodKey());
            } else if (event instanceof GoalRevised revised) {
                goals.apply(revised, envelope.sequence() == null ? Long.MAX_VALUE : envelope.sequence());
                log.info("goal {} revised: targets replaced", revised.goalId());
            } else if (event instanceof com.acme.goals.contracts.goal.ActionPlanned planned) {
                goals.apply(planned);
            } else if (event instanceof com.acme.goals.contracts.goal.ActionCompleted completed) {
                goals.apply(completed);
            } else if (event instanceof com.acme.goals.contracts.goal.ActionRemoved removed) {
                goals.apply(removed);
            }
        });
    }
}
