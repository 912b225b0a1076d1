package com.acme.goals.platform.activity;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.platform.messaging.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

import java.util.ArrayList;
import java.util.List;

/** Feeds this service's {@link ActivityLedger} from {@code crm.events}, a whole poll per bulk write. */
public class ActivityLedgerListener {

    private final CloudEventCodec codec;
    private final ActivityLedger ledger;

    public ActivityLedgerListener(CloudEventCodec codec, ActivityLedger ledger) {
        this.codec = codec;
        this.ledger = ledger;
    }

    @KafkaListener(topics = Topics.CRM_EVENTS, groupId = "${spring.application.name}.activity", containerFactory = "batchListenerFactory")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<ActivityRecorded> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            codec.payload(codec.decode(record.value())).ifPresent(event -> {
                if (event instanceof ActivityRecorded recorded) {
                    batch.add(recorded);
                }
            });
        }
        ledger.record(batch);
    }
}
