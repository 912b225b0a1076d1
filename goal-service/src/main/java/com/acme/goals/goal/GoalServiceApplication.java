package com.acme.goals.goal;

import com.acme.goals.team.org.OrgChartConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The goal tree and the org directory. */
@SpringBootApplication
@Import(OrgChartConfiguration.class)
public class GoalServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(GoalServiceApplication.class, args);
    }
}
