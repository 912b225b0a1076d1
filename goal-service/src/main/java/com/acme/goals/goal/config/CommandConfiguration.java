package com.acme.goals.goal.config;

import com.acme.goals.goal.command.Employee;
import com.acme.goals.goal.command.Goal;
import com.acme.goals.goal.command.GoalPlanning;
import com.acme.goals.goal.command.OrgDirectory;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
public class CommandConfiguration {

    @Bean
    public OrgDirectory orgDirectory(@Qualifier("employeeRepository") Repository<Employee> employees, Clock clock) {
        return new OrgDirectory(employees, clock);
    }

    @Bean
    public GoalPlanning goalPlanning(@Qualifier("goalRepository") Repository<Goal> goals, OrgDirectory org, Clock clock,
                                     @Value("${goals.targets.allow-stretch:false}") boolean allowStretch) {
        return new GoalPlanning(goals, org, clock, allowStretch);
    }
}
