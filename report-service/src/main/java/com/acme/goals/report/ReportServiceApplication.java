package com.acme.goals.report;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Templates, weekly and daily plans, submission, review and annotations. The foundation starts it with its own
 * database, event store, relay and security; the report domain arrives with its own issue.
 */
@SpringBootApplication
public class ReportServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ReportServiceApplication.class, args);
    }
}
