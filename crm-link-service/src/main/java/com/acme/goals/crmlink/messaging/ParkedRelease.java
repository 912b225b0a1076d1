package com.acme.goals.crmlink.messaging;

import org.springframework.stereotype.Component;
import com.acme.goals.crmlink.application.ActivityPipeline;
import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.org.EmployeeRegistered;
import com.acme.goals.crmlink.application.ParkedActivity;
import com.acme.goals.platform.feed.EventFeed;
import com.acme.goals.team.org.OrgChart;
import org.springframework.scheduling.annotation.Scheduled;


/** When an owner joins the org chart, their parked activity goes through the pipeline again. */
@Component
public class ParkedRelease extends EventFeed {

    private final ParkedActivity parked;
    private final ActivityPipeline pipeline;

    public ParkedRelease(ParkedActivity parked, OrgChart orgChart, ActivityPipeline pipeline) {
        super("parked", Topics.ORG_EVENTS);
        this.parked = parked;
        this.pipeline = pipeline;
        on(EmployeeRegistered.class, (hired, envelope) -> {
            orgChart.apply(hired, 0); // this group may run ahead of the org-chart group
            pipeline.releaseParked(hired.employeeId());
        });
    }

    /** Belt and braces: activity parked for an owner who is known by now is released, whatever raced. */
    @Scheduled(fixedDelayString = "${goals.parked.sweep-interval:PT30S}", initialDelayString = "${goals.parked.sweep-interval:PT30S}")
    public void sweep() throws Exception {
        for (String owner : parked.owners()) {
            pipeline.releaseParked(owner);
        }
    }
}
