package com.acme.goals.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * The clock every service decides by (deadlines, "as of the date", event times). Real time, unless a test stack moves
 * it by {@code goals.clock.offset} ({@code GOALS_CLOCK_OFFSET}, e.g. {@code PT-36H}) so a suite can run at a Sunday
 * midnight or a year's end without touching the machine's clock. Moving the clock decides who is late and who is paid:
 * it is refused under the production profile.
 */
public final class ServiceClock {

    public static final String OFFSET_PROPERTY = "goals.clock.offset";
    static final String PRODUCTION_PROFILE = "prod";

    private ServiceClock() {
    }

    /** The clock for {@code offset} (null or zero: real time); refused with a reason when a production profile is active. */
    public static Clock of(Duration offset, String... activeProfiles) {
        if (offset == null || offset.isZero()) {
            return Clock.systemUTC();
        }
        if (Arrays.asList(activeProfiles).contains(PRODUCTION_PROFILE)) {
            throw new IllegalStateException(OFFSET_PROPERTY + " (GOALS_CLOCK_OFFSET) is " + offset
                    + ": moving the clock is for test stacks only and is refused under the production profile");
        }
        return Clock.offset(Clock.systemUTC(), offset);
    }
}
