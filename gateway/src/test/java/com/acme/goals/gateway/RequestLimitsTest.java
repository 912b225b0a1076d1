package com.acme.goals.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void a_caller_gets_the_burst_at_once_then_the_refill_rate_and_is_told_how_long_to_wait() {
        RequestLimits limits = new RequestLimits(1000, 2, 3);
        assertThat(limits.take("E-1", 0)).isZero();
        assertThat(limits.take("E-1", 0)).isZero();
        assertThat(limits.take("E-1", 0)).isZero();
        assertThat(limits.take("E-1", 0)).isEqualTo(0.5); // one token comes back every half second
        assertThat(limits.take("E-2", 0)).as("another caller has their own bucket").isZero();
        assertThat(limits.take("E-1", SECOND / 2)).isZero();
        assertThat(limits.take("E-1", 10 * SECOND)).isZero(); // refilled, but never above the burst
        assertThat(limits.take("E-1", 10 * SECOND)).isZero();
        assertThat(limits.take("E-1", 10 * SECOND)).isZero();
        assertThat(limits.take("E-1", 10 * SECOND)).isPositive();
    }
}
