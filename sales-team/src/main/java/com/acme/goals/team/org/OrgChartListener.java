package com.acme.goals.team.org;

import com.acme.goals.contracts.DomainEvent;
import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.acme.goals.platform.feed.EventFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Keeps this service's {@link OrgChart} current from {@code org.events}, a poll's events at a time, and then tells
 * this service's {@link HiresApplied} who was hired in it. A failure of either fails the poll, which is delivered
 * again; the chart's writes are idempotent.
 */
public class OrgChartListener extends EventFeed {

    private static final Logger log = LoggerFactory.getLogger(OrgChartListener.class);

    /** Told who was hired, once they are in this service's org chart (crm-link releases activity that waited for them). */
    @FunctionalInterface
    public interface HiresApplied {
        void applied(List<EmployeeRegistered> hires) throws Exception;
    }

    public OrgChartListener(OrgChart orgChart, List<HiresApplied> after) {
        super("org-chart", Topics.ORG_EVENTS);
        onAllDelivered(DomainEvent.class, batch -> {
            List<OrgChart.Change> changes = batch.stream()
                    .map(d -> new OrgChart.Change(d.event(), sequence(d.envelope().sequence()))).toList();
            orgChart.apply(changes);
            changes.forEach(OrgChartListener::log);
            List<EmployeeRegistered> hires = changes.stream().map(OrgChart.Change::event)
                    .filter(EmployeeRegistered.class::isInstance).map(EmployeeRegistered.class::cast).toList();
            if (!hires.isEmpty()) {
                for (HiresApplied told : after) {
                    told.applied(hires);
                }
            }
        });
    }

    private static void log(OrgChart.Change change) {
        if (change.event() instanceof EmployeeRegistered registered) {
            log.info("org chart: {} registered, reporting to {}", registered.employeeId(), registered.supervisorId());
        } else if (change.event() instanceof ReportingLineChanged changed) {
            log.info("org chart: {} now reports to {}", changed.employeeId(), changed.supervisorId());
        } else if (change.event() instanceof EmployeeLeft left) {
            log.info("org chart: {} left", left.employeeId());
        }
    }

    private static long sequence(Long sequence) {
        return sequence == null ? 0 : sequence;
    }
}
