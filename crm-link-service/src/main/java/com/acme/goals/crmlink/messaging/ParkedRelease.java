package com.acme.goals.crmlink.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.crmlink.query.ParkedActivity;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.platform.org.OrgChart;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;


/** When an owner joins the org chart, their parked activity goes through the pipeline again. */
public class ParkedRelease {

    private final ParkedActivity parked;
    private final OrgChart orgChart;
    private final ActivityPipeline pipeline;
    private final CloudEventCodec codec;

    public ParkedRelease(ParkedActivity parked, OrgChart orgChart, ActivityPipeline pipeline, CloudEventCodec codec) {
        this.parked = parked;
        this.orgChart = orgChart;
        this.pipeline = pipeline;
        this.codec = codec;
    }

    @KafkaListener(topics = Topics.ORG_EVENTS, groupId = "${spring.application.name}.parked")
    public void on(ConsumerRecord<String, byte[]> record) throws Exception {
        var event = codec.payload(codec.decode(record.value())).orElse(null);
        if (!(event instanceof EmployeeRegistered hired)) {
            return;
        }
        orgChart.apply(hired, 0); // this group may run ahead of the org-chart group
        pipeline.releaseParked(hired.employeeId());
    }

    /** Belt and braces: activity parked for an owner who is known by now is released, whatever raced. */
    @Scheduled(fixedDelayString = "${goals.parked.sweep-interval:PT30S}", initialDelayString = "${goals.parked.sweep-interval:PT30S}")
    public void sweep() throws Exception {
        for (String owner : parked.owners()) {
            pipeline.releaseParked(owner);
        }
    }
}
