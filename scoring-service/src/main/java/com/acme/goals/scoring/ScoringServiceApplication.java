package com.acme.goals.scoring;

import com.acme.goals.team.activity.ActivityLedgerConfiguration;
import com.acme.goals.team.org.OrgChartConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** KPI read models, week scores, monthly totals and dashboards. */
@SpringBootApplication
@Import({OrgChartConfiguration.class, ActivityLedgerConfiguration.class})
public class ScoringServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ScoringServiceApplication.class, args);
    }
}
