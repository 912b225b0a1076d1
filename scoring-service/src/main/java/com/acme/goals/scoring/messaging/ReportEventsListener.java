package com.acme.goals.scoring.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.report.AnnotationAdded;
import com.acme.goals.contracts.report.AnnotationAnswered;
import com.acme.goals.contracts.report.PeriodExcused;
import com.acme.goals.contracts.report.ReportDrafted;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.ReportOverdue;
import com.acme.goals.contracts.report.SummarySubmitted;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.scoring.query.ReportNotes;
import com.acme.goals.scoring.query.ReportTimeliness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Feeds {@link ReportTimeliness} and {@link ReportNotes} from {@code report.events}. */
public class ReportEventsListener {

    private final CloudEventCodec codec;
    private final ReportTimeliness timeliness;
    private final ReportNotes notes;

    public ReportEventsListener(CloudEventCodec codec, ReportTimeliness timeliness, ReportNotes notes) {
        this.codec = codec;
        this.timeliness = timeliness;
        this.notes = notes;
    }

    @KafkaListener(topics = Topics.REPORT_EVENTS, groupId = "${spring.application.name}.timeliness")
    public void on(ConsumerRecord<String, byte[]> record) {
        codec.payload(codec.decode(record.value())).ifPresent(event -> {
            if (event instanceof PlanSubmitted e) {
                timeliness.submitted(e.ownerId(), e.templateId(), e.periodKey(), e.timeliness());
            } else if (event instanceof SummarySubmitted e) {
                timeliness.submitted(e.ownerId(), e.templateId(), e.periodKey(), e.timeliness());
            } else if (event instanceof ReportOverdue e) {
                timeliness.overdue(e.ownerId(), e.templateId(), e.periodKey());
            } else if (event instanceof PeriodExcused e) {
                timeliness.excused(e.ownerId(), e.templateId(), e.periodKey());
            } else if (event instanceof ReportDrafted e) {
                notes.apply(e);
            } else if (event instanceof AnnotationAdded e) {
                notes.apply(e);
            } else if (event instanceof AnnotationAnswered e) {
                notes.apply(e);
            }
        });
    }
}
