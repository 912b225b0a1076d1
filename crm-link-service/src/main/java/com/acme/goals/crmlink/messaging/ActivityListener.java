package com.acme.goals.crmlink.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.crmlink.application.ActivityPipeline;
import com.acme.goals.contracts.Topics;
import com.acme.goals.platform.feed.EventFeed;

/**
 * Consumes {@code crm.activity} in batches through the pipeline, which rejects and parks per event itself; a failure of
 * Kafka or the store fails the batch, which is retried whole (the pipeline is idempotent) until it goes through.
 */
@Component
public class ActivityListener extends EventFeed {

    public ActivityListener(ActivityPipeline pipeline) {
        super(null, Topics.CRM_ACTIVITY);
        onBatch(records -> pipeline.process(records.stream()
                .map(r -> new ActivityPipeline.Inbound(r.value(), r.key(), r.headers(), r.topic() + "/" + r.partition() + "@" + r.offset()))
                .toList()));
    }
}
