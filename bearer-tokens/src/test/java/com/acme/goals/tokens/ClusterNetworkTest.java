package com.acme.goals.tokens;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterNetworkTest {

    @Test
    void an_address_is_inside_when_a_block_holds_it() {
        ClusterNetwork pods = ClusterNetwork.of("10.0.0.0/8, 172.16.0.0/12 ,fd00::/8");
        assertThat(pods.contains("10.42.7.9")).isTrue();
        assertThat(pods.contains("172.31.255.1")).isTrue();
        assertThat(pods.contains("172.32.0.1")).as("just outside /12").isFalse();
        assertThat(pods.contains("fd12:3456::1")).isTrue();
        assertThat(pods.contains("[fd12:3456::1]")).isTrue();
        assertThat(pods.contains("203.0.113.5")).isFalse();
        assertThat(pods.contains("127.0.0.1")).as("loopback is not named").isFalse();
    }

    @Test
    void the_default_is_loopback_only_and_names_are_never_looked_up() {
        ClusterNetwork loopback = ClusterNetwork.of(ClusterNetwork.DEFAULT);
        assertThat(loopback.contains("127.0.0.1")).isTrue();
        assertThat(loopback.contains("::1")).isTrue();
        assertThat(loopback.contains("localhost")).isFalse();
        assertThat(loopback.contains("192.168.1.2")).isFalse();
        assertThat(loopback.contains(null)).isFalse();
        assertThat(ClusterNetwork.of("127.0.0.1/32").contains("127.0.0.3")).isFalse();
    }

    @Test
    void a_malformed_block_is_refused_naming_it() {
        assertThatThrownBy(() -> ClusterNetwork.of("10.0.0.0/8,ten/8")).hasMessageContaining("'ten/8'");
        assertThatThrownBy(() -> ClusterNetwork.of("10.0.0.0/33")).hasMessageContaining("'10.0.0.0/33'");
    }
}
