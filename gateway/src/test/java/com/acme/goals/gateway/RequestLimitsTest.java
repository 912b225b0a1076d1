package com.acme.goals.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void a_named_caller_has_a_rate_of_its_own_and_everyone_else_the_common_one() {
        RequestLimits limits = new RequestLimits(1000, 100, 200, " E-probe=1/2 , anonymous@127.0.0.2=0.5/1");
        assertThat(limits.take("E-probe", 0)).isZero();
        assertThat(limits.take("E-probe", 0)).isZero();
        assertThat(limits.take("E-probe", 0)).isEqualTo(1.0);
        assertThat(limits.take("anonymous@127.0.0.2", 0)).isZero();
        assertThat(limits.take("anonymous@127.0.0.2", 0)).isEqualTo(2.0);
        for (int i = 0; i < 200; i++) {
            assertThat(limits.take("E-anyone", 0)).as("request %d of the common burst", i).isZero();
        }
        assertThat(limits.take("E-anyone", 0)).isPositive();
    }

    @Test
    void a_malformed_caller_rate_is_refused_at_start_naming_the_entry() {
        assertThatThrownBy(() -> new RequestLimits(1000, 100, 200, "E-probe=fast"))
                .hasMessageContaining("'E-probe=fast' is not subject=perSecond/burst");
        assertThatThrownBy(() -> new RequestLimits(1000, 100, 200, "E-probe=0/5")).hasMessageContaining("perSecond > 0");
    }
}
