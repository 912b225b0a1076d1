package com.acme.goals.crmlink.messaging;

import com.acme.goals.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

import java.util.List;

/** Consumes {@code crm.activity} in batches; offsets are committed after the whole batch went through. */
public class ActivityListener {

    private final ActivityPipeline pipeline;

    public ActivityListener(ActivityPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @KafkaListener(topics = Topics.CRM_ACTIVITY, groupId = "${spring.application.name}", containerFactory = "batchListenerFactory")
    public void on(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        pipeline.process(records.stream()
                .map(r -> new ActivityPipeline.Inbound(r.value(), r.key(), r.headers(),
                        r.topic() + "/" + r.partition() + "@" + r.offset()))
                .toList());
    }
}
