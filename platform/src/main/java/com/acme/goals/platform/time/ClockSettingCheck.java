package com.acme.goals.platform.time;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.time.Duration;

/**
 * Refuses a moved clock under the production profile before anything starts (no listener, no relay, no sweep runs on a
 * wrong clock even for a moment); the bean itself comes from {@link ServiceClock}.
 */
public class ClockSettingCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String offset = environment.getProperty(ServiceClock.OFFSET_PROPERTY, environment.getProperty("GOALS_CLOCK_OFFSET"));
        if (offset != null && !offset.isBlank()) {
            ServiceClock.of(Duration.parse(offset.trim()), environment.getActiveProfiles());
        }
    }
}
