package com.acme.goals.goal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The goal tree and the org directory. */
@SpringBootApplication
public class GoalServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(GoalServiceApplication.class, args);
    }
}
