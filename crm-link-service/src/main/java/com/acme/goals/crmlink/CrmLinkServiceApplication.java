package com.acme.goals.crmlink;

import com.acme.goals.team.org.OrgChartConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The door for other enterprise systems: CRM activity in, goal results out. */
@SpringBootApplication
@Import(OrgChartConfiguration.class)
public class CrmLinkServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(CrmLinkServiceApplication.class, args);
    }
}
