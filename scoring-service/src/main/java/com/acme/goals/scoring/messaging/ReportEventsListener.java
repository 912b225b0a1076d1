package com.acme.goals.scoring.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.report.AnnotationAdded;
import com.acme.goals.contracts.report.AnnotationAnswered;
import com.acme.goals.contracts.report.PeriodExcused;
import com.acme.goals.contracts.report.ReportDrafted;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.ReportOverdue;
import com.acme.goals.contracts.report.SummarySubmitted;
import com.acme.goals.platform.feed.EventFeed;
import com.acme.goals.scoring.readmodel.ReportNotes;
import com.acme.goals.scoring.readmodel.ReportTimeliness;

/** Feeds {@link ReportTimeliness} and {@link ReportNotes} from {@code report.events}. */
@Component
public class ReportEventsListener extends EventFeed {

    public ReportEventsListener(ReportTimeliness timeliness, ReportNotes notes) {
        super("timeliness", Topics.REPORT_EVENTS);
        on(PlanSubmitted.class, (e, envelope) -> timeliness.submitted(e.ownerId(), e.templateId(), e.periodKey(), e.timeliness()));
        on(SummarySubmitted.class, (e, envelope) -> timeliness.submitted(e.ownerId(), e.templateId(), e.periodKey(), e.timeliness()));
        on(ReportOverdue.class, (e, envelope) -> timeliness.overdue(e.ownerId(), e.templateId(), e.periodKey()));
        on(PeriodExcused.class, (e, envelope) -> timeliness.excused(e.ownerId(), e.templateId(), e.periodKey()));
        on(ReportDrafted.class, (e, envelope) -> notes.apply(e));
        on(AnnotationAdded.class, (e, envelope) -> notes.apply(e));
        on(AnnotationAnswered.class, (e, envelope) -> notes.apply(e));
    }
}
