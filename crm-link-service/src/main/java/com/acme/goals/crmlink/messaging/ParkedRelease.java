package com.acme.goals.crmlink.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.crmlink.application.ActivityPipeline;
import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.crmlink.application.ParkedActivity;
import com.acme.goals.platform.feed.EventFeed;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.platform.replicas.Leases;
import org.springframework.scheduling.annotation.Scheduled;


/** When an owner joins the org chart, their parked activity goes through the pipeline again. */
@Component
public class ParkedRelease extends EventFeed {

    private final ParkedActivity parked;
    private final ActivityPipeline pipeline;

    private final Leases leases;
    private final java.time.Duration leaseTime;

    public ParkedRelease(ParkedActivity parked, OrgChart orgChart, ActivityPipeline pipeline, Leases leases,
                         @org.springframework.beans.factory.annotation.Value("${goals.parked.sweep-interval:PT30S}") java.time.Duration interval) {
        super("parked", Topics.ORG_EVENTS);
        this.leases = leases;
        this.leaseTime = interval.multipliedBy(3);
        this.parked = parked;
        this.pipeline = pipeline;
        onAll(EmployeeRegistered.class, hires -> {
            // this group may run ahead of the org-chart group, so it writes the entries itself (sequence 0: a later
            // event of the employee's, applied by the org-chart group, always wins)
            orgChart.apply(hires.stream().map(hired -> new OrgChart.Change(hired, 0)).toList());
            for (String owner : parked.owners(hires.stream().map(EmployeeRegistered::employeeId).toList())) {
                pipeline.releaseParked(owner);
            }
        });
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
