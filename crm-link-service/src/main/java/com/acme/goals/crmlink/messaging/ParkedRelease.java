package com.acme.goals.crmlink.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.crmlink.application.ActivityPipeline;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.crmlink.application.ParkedActivity;
import com.acme.goals.team.org.OrgChartListener;
import com.acme.goals.platform.replicas.Leases;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.List;

/**
 * When an owner joins the org chart, their parked activity goes through the pipeline again. Told by this service's
 * org-chart feed once a poll's hires are in the chart, so {@code org.events} is read once here, not by a second group
 * that wrote every hire into the chart a second time.
 */
@Component
public class ParkedRelease implements OrgChartListener.HiresApplied {

    private final ParkedActivity parked;
    private final ActivityPipeline pipeline;

    private final Leases leases;
    private final java.time.Duration leaseTime;

    public ParkedRelease(ParkedActivity parked, ActivityPipeline pipeline, Leases leases,
                         @org.springframework.beans.factory.annotation.Value("${goals.parked.sweep-interval:PT30S}") java.time.Duration interval) {
        this.leases = leases;
        this.leaseTime = interval.multipliedBy(3);
        this.parked = parked;
        this.pipeline = pipeline;
    }

    @Override
    public void applied(List<EmployeeRegistered> hires) throws Exception {
        for (String owner : parked.owners(hires.stream().map(EmployeeRegistered::employeeId).toList())) {
            pipeline.releaseParked(owner);
        }
    }

    /** Belt and braces: activity parked for an owner who is known by now is released, whatever raced. */
    @Scheduled(fixedDelayString = "${goals.parked.sweep-interval:PT30S}", initialDelayString = "${goals.parked.sweep-interval:PT30S}")
    public void sweep() throws Exception {
        if (!leases.hold("parked-activity-release", leaseTime)) {
            return; // one replica sweeps; the pipeline's de-duplication keeps a race harmless anyway
        }
        for (String owner : parked.owners()) {
            pipeline.releaseParked(owner);
        }
    }
}
