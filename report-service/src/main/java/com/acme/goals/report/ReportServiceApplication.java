package com.acme.goals.report;

import com.acme.goals.team.org.OrgChartConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Templates, weekly and daily plans, submission, review and annotations, and the deadlines they fall due by.
 */
@SpringBootApplication
@Import(OrgChartConfiguration.class)
public class ReportServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ReportServiceApplication.class, args);
    }
}
