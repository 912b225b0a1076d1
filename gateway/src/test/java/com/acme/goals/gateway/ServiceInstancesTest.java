package com.acme.goals.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceInstancesTest {

    @Test
    void a_service_has_one_instance_per_url() {
        List<ServiceInstance> instances = ServiceInstances.parse("goal-service", "http://localhost:8081, http://localhost:9081,https://goal.example");
        assertThat(instances).extracting(ServiceInstance::getPort).containsExactly(8081, 9081, 443);
        assertThat(instances).extracting(ServiceInstance::getServiceId).containsOnly("goal-service");
        assertThat(instances.get(2).isSecure()).isTrue();
    }

    @Test
    void no_instance_or_a_malformed_url_is_refused_at_start() {
        assertThatThrownBy(() -> ServiceInstances.parse("goal-service", " ")).hasMessageContaining("names no instance");
        assertThatThrownBy(() -> ServiceInstances.parse("goal-service", "localhost:8081")).hasMessageContaining("'localhost:8081'");
    }
}
