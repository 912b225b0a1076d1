package com.acme.goals.platform.time;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceClockTest {

    @Test
    void without_an_offset_the_service_runs_on_real_time() {
        assertThat(ServiceClock.of(Duration.ZERO)).isEqualTo(Clock.systemUTC());
        assertThat(ServiceClock.of(null, "prod")).isEqualTo(Clock.systemUTC());
    }

    @Test
    void an_offset_moves_the_clock_by_that_much_and_it_keeps_ticking() {
        Duration back = Duration.ofDays(-40).minusHours(3);
        Instant before = Instant.now();
        Instant moved = ServiceClock.of(back, "default").instant();
        Instant after = Instant.now();
        assertThat(moved).isBetween(before.plus(back), after.plus(back));
    }

    @Test
    void a_moved_clock_is_refused_under_the_production_profile_before_the_service_starts() {
        assertThatThrownBy(() -> ServiceClock.of(Duration.ofHours(1), "kafka", "prod"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("goals.clock.offset (GOALS_CLOCK_OFFSET) is PT1H")
                .hasMessageContaining("refused under the production profile");

        MockEnvironment production = new MockEnvironment().withProperty("GOALS_CLOCK_OFFSET", "PT-2H");
        production.setActiveProfiles("prod");
        assertThatThrownBy(() -> new ClockSettingCheck().postProcessEnvironment(production, new SpringApplication()))
                .hasMessageContaining("refused under the production profile");
        MockEnvironment test = new MockEnvironment().withProperty("GOALS_CLOCK_OFFSET", "PT-2H");
        new ClockSettingCheck().postProcessEnvironment(test, new SpringApplication()); // allowed outside production
    }
}
