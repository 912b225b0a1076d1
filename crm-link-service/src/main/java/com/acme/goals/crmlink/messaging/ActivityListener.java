package com.acme.goals.crmlink.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.crmlink.application.ActivityPipeline;
import com.acme.goals.crmlink.application.IntegrationClients;
import com.acme.goals.contracts.Topics;
import com.acme.goals.platform.feed.EventFeed;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code crm.activity} and each integration client's own {@code crm.activity.<client>} in batches through the
 * pipeline, which rejects and parks per event itself; a failure of Kafka or the store fails the batch, which is retried
 * whole (the pipeline is idempotent) until it goes through.
 */
@Component
public class ActivityListener extends EventFeed {

    public ActivityListener(ActivityPipeline pipeline, IntegrationClients clients) {
        super(null, topics(clients));
        onBatch(records -> pipeline.process(records.stream()
                .map(r -> new ActivityPipeline.Inbound(r.value(), r.key(), r.headers(), r.topic() + "/" + r.partition() + "@" + r.offset(),
                        r.topic()))
                .toList()));
    }

    private static String[] topics(IntegrationClients clients) {
        List<String> topics = new ArrayList<>(List.of(Topics.CRM_ACTIVITY));
        topics.addAll(clients.topics());
        return topics.toArray(String[]::new);
    }
}
