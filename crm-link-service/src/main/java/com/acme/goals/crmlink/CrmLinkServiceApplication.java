package com.acme.goals.crmlink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The door for other enterprise systems: CRM activity in, goal results out. */
@SpringBootApplication
public class CrmLinkServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(CrmLinkServiceApplication.class, args);
    }
}
