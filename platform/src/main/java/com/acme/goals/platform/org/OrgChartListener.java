package com.acme.goals.platform.org;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.acme.goals.platform.messaging.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/** Keeps this service's {@link OrgChart} current from {@code org.events}. */
public class OrgChartListener {

    private static final Logger log = LoggerFactory.getLogger(OrgChartListener.class);
    private final OrgChart orgChart;
    private final CloudEventCodec codec;

    public OrgChartListener(OrgChart orgChart, CloudEventCodec codec) {
        this.orgChart = orgChart;
        this.codec = codec;
    }

    @KafkaListener(topics = Topics.ORG_EVENTS, groupId = "${spring.application.name}.org-chart")
    public void on(ConsumerRecord<String, byte[]> record) {
        var envelope = codec.decode(record.value());
        long sequence = envelope.sequence() == null ? 0 : envelope.sequence();
        codec.payload(envelope).ifPresent(event -> {
            if (event instanceof EmployeeRegistered registered) {
                orgChart.apply(registered, sequence);
                log.info("org chart: {} registered, reporting to {}", registered.employeeId(), registered.supervisorId());
            } else if (event instanceof ReportingLineChanged changed) {
                orgChart.apply(changed, sequence);
                log.info("org chart: {} now reports to {}", changed.employeeId(), changed.supervisorId());
            } else if (event instanceof EmployeeLeft left) {
                orgChart.apply(left, sequence);
                log.info("org chart: {} left", left.employeeId());
            }
        });
    }
}
