package com.acme.goals.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's list of a service's ready instances, with the load balancer's own health-check supplier under it. */
class ReadyInstancesTest {

    private final List<ServiceInstance> instances = ServiceInstances.parse("goal-service", "http://localhost:1,http://localhost:2");
    private final AtomicInteger checks = new AtomicInteger();

    @Test
    void readiness_is_checked_in_the_background_not_once_per_call() throws Exception {
        ServiceInstanceList.ReadyInstances ready = readyInstances(instance -> true);
        ready.afterPropertiesSet(); // as the load balancer's context does for each bean
        ready.get().filter(list -> list.size() == 2).blockFirst(Duration.ofSeconds(5)); // the first round has answered

        for (int call = 0; call < 20; call++) {
            assertThat(ready.get().blockFirst(Duration.ofSeconds(5))).hasSize(2);
        }

        // one round of checks (two instances), not one per call: before, each call asked every instance's readiness
        // and waited for the answers (issue 18)
        assertThat(checks.get()).isEqualTo(2);
        ready.destroy();
    }

    @Test
    void an_instance_that_is_not_ready_gets_no_calls_and_none_ready_means_all_are_called() throws Exception {
        ServiceInstanceList.ReadyInstances one = readyInstances(instance -> instance.getPort() == 2);
        one.afterPropertiesSet();
        assertThat(one.get().blockFirst(Duration.ofSeconds(5))).extracting(ServiceInstance::getPort).containsExactly(2);
        one.destroy();

        ServiceInstanceList.ReadyInstances none = readyInstances(instance -> false);
        none.afterPropertiesSet();
        assertThat(none.get().blockFirst(Duration.ofSeconds(5))).extracting(ServiceInstance::getPort).containsExactly(1, 2);
        none.destroy();
    }

    private ServiceInstanceList.ReadyInstances readyInstances(java.util.function.Predicate<ServiceInstance> isReady) {
        ServiceInstanceListSupplier listed = new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return "goal-service";
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.just(instances);
            }
        };
        HealthCheckServiceInstanceListSupplier checked = new HealthCheckServiceInstanceListSupplier(listed, properties(),
                (instance, path) -> {
                    checks.incrementAndGet();
                    return Mono.just(isReady.test(instance));
                });
        return new ServiceInstanceList.ReadyInstances("goal-service", instances, checked);
    }

    private static ReactiveLoadBalancer.Factory<ServiceInstance> properties() {
        LoadBalancerProperties properties = new LoadBalancerProperties();
        properties.getHealthCheck().setInterval(Duration.ofSeconds(30));
        properties.getHealthCheck().setPath(Map.of("default", "/actuator/health/readiness"));
        return new ReactiveLoadBalancer.Factory<>() {
            @Override
            public LoadBalancerProperties getProperties(String serviceId) {
                return properties;
            }

            @Override
            public ReactiveLoadBalancer<ServiceInstance> getInstance(String serviceId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <X> Map<String, X> getInstances(String name, Class<X> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <X> X getInstance(String name, Class<?> clazz, Class<?>... generics) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
