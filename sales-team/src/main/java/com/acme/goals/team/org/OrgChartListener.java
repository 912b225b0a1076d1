package com.acme.goals.team.org;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.acme.goals.platform.feed.EventFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps this service's {@link OrgChart} current from {@code org.events}. */
public class OrgChartListener extends EventFeed {

    private static final Logger log = LoggerFactory.getLogger(OrgChartListener.class);

    public OrgChartListener(OrgChart orgChart) {
        super("org-chart", Topics.ORG_EVENTS);
        on(EmployeeRegistered.class, (registered, envelope) -> {
            orgChart.apply(registered, sequence(envelope.sequence()));
            log.info("org chart: {} registered, reporting to {}", registered.employeeId(), registered.supervisorId());
        });
        on(ReportingLineChanged.class, (changed, envelope) -> {
            orgChart.apply(changed, sequence(envelope.sequence()));
            log.info("org chart: {} now reports to {}", changed.employeeId(), changed.supervisorId());
        });
        on(EmployeeLeft.class, (left, envelope) -> {
            orgChart.apply(left, sequence(envelope.sequence()));
            log.info("org chart: {} left", left.employeeId());
        });
    }

    private static long sequence(Long sequence) {
        return sequence == null ? 0 : sequence;
    }
}
