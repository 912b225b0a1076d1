package com.acme.goals.goal.config;

import com.acme.goals.goal.domain.Employee;
import com.acme.goals.goal.domain.Goal;
import com.acme.goals.goal.domain.GoalPlanning;
import com.acme.goals.goal.domain.OrgDirectory;
import com.acme.goals.goal.domain.WeeklyPlanning;
import com.acme.goals.goal.messaging.ActionCompletionListener;
import com.acme.goals.goal.messaging.HrListener;
import com.acme.goals.goal.messaging.WeeklyPlanListener;
import com.acme.goals.goal.readmodel.GoalProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
    public WeeklyPlanning weeklyPlanning(@Qualifier("goalRepository") Repository<Goal> goals, Clock clock) {
        return new WeeklyPlanning(goals, clock);
    }

    @Bean
    public WeeklyPlanListener weeklyPlanListener(CommandGateway commands, GoalProjection goalProjection) {
        return new WeeklyPlanListener(commands, goalProjection);
    }

    @Bean
    public HrListener hrListener(CommandGateway commands, com.acme.goals.platform.messaging.InboundContract inboundContract,
                                 com.fasterxml.jackson.databind.ObjectMapper objectMapper) {
        return new HrListener(commands, inboundContract, objectMapper);
    }

    @Bean
    public ActionCompletionListener actionCompletionListener(CommandGateway commands, GoalProjection goalProjection) {
        return new ActionCompletionListener(commands, goalProjection);
    }

    @Bean
    public GoalPlanning goalPlanning(@Qualifier("goalRepository") Repository<Goal> goals, OrgDirectory org, Clock clock,
                                     @Value("${goals.targets.allow-stretch:false}") boolean allowStretch) {
        return new GoalPlanning(goals, org, clock, allowStretch);
    }
}
