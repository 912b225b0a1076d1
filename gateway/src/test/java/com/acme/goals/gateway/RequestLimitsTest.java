package com.acme.goals.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    /** One clock for the buckets and for the cache that forgets idle callers. */
    static final class TestTime implements TimeMeter, Ticker {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        @Override
        public long read() {
            return nanos.get();
        }

        void at(long nanos) {
            this.nanos.set(nanos);
        }
    }

    private final TestTime time = new TestTime();

    private RequestLimits limits(double perSecond, double burst, String callers, long maxCallers) {
        return new RequestLimits(1000, perSecond, burst, callers, time, time, maxCallers);
    }

    @Test
    void a_caller_gets_the_burst_at_once_then_the_refill_rate_and_is_told_how_long_to_wait() {
        RequestLimits limits = limits(2, 3, "", 1000);
        assertThat(limits.take("E-1")).isZero();
        assertThat(limits.take("E-1")).isZero();
        assertThat(limits.take("E-1")).isZero();
        assertThat(limits.take("E-1")).isEqualTo(0.5); // one token comes back every half second
        assertThat(limits.take("E-2")).as("another caller has their own bucket").isZero();
        time.at(SECOND / 2);
        assertThat(limits.take("E-1")).isZero();
        time.at(10 * SECOND);
        assertThat(limits.take("E-1")).isZero(); // refilled, but never above the burst
        assertThat(limits.take("E-1")).isZero();
        assertThat(limits.take("E-1")).isZero();
        assertThat(limits.take("E-1")).isPositive();
    }

    @Test
    void a_named_caller_has_a_rate_of_its_own_and_everyone_else_the_common_one() {
        RequestLimits limits = limits(100, 200, " E-probe=1/2 , anonymous@127.0.0.2=0.5/1", 1000);
        assertThat(limits.take("E-probe")).isZero();
        assertThat(limits.take("E-probe")).isZero();
        assertThat(limits.take("E-probe")).isEqualTo(1.0);
        assertThat(limits.take("anonymous@127.0.0.2")).isZero();
        assertThat(limits.take("anonymous@127.0.0.2")).isEqualTo(2.0);
        for (int i = 0; i < 200; i++) {
            assertThat(limits.take("E-anyone")).as("request %d of the common burst", i).isZero();
        }
        assertThat(limits.take("E-anyone")).isPositive();
    }

    @Test
    void a_flood_of_new_addresses_does_not_reset_the_limit_of_a_caller_who_is_still_limited() {
        RequestLimits limits = limits(1, 5, "", 1_000);
        for (int i = 0; i < 5; i++) {
            limits.take("E-busy");
        }
        assertThat(limits.take("E-busy")).as("spent").isPositive();
        for (int i = 0; i < 20_000; i++) { // twenty times what the cache holds, each caller once
            limits.take("anonymous@10.0." + (i / 250) + "." + (i % 250));
            if (i % 100 == 0) {
                assertThat(limits.take("E-busy")).as("still limited after %d strangers", i).isPositive();
            }
        }
        assertThat(limits.take("E-busy")).isPositive();
    }

    @Test
    void an_idle_caller_is_forgotten_only_once_their_bucket_would_be_full_again() {
        RequestLimits limits = limits(1, 5, "", 1_000);
        for (int i = 0; i < 5; i++) {
            limits.take("E-1");
        }
        time.at(2 * SECOND);
        assertThat(limits.take("E-1")).as("two tokens back after 2 s, not a fresh bucket").isZero();
        assertThat(limits.take("E-1")).isZero();
        assertThat(limits.take("E-1")).isPositive();
        time.at(60 * SECOND);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.take("E-1")).isZero();
        }
        assertThat(limits.take("E-1")).isPositive();
    }

    @Test
    void a_malformed_caller_rate_is_refused_at_start_naming_the_entry() {
        assertThatThrownBy(() -> new RequestLimits(1000, 100, 200, "E-probe=fast"))
                .hasMessageContaining("'E-probe=fast' is not subject=perSecond/burst");
        assertThatThrownBy(() -> new RequestLimits(1000, 100, 200, "E-probe=0/5")).hasMessageContaining("perSecond > 0");
    }
}
