package com.acme.goals.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClientsProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * The list as the gateway makes it, in a load-balancer context of its own with Spring Cloud's own builder, against a
     * service that counts the readiness requests it gets: a later Spring Cloud that built it differently would show here.
     */
    @Test
    void the_list_made_in_a_service_context_asks_readiness_once_for_many_calls() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HttpServer service = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        service.createContext("/", exchange -> {
            asked.incrementAndGet();
            byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, up.length);
            exchange.getResponseBody().write(up);
            exchange.close();
        });
        service.start();
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("service", Map.of(
                    LoadBalancerClientFactory.PROPERTY_NAME, "goal-service",
                    "goals.gateway.instances.goal-service", "http://localhost:" + service.getAddress().getPort())));
            context.registerBean(LoadBalancerClientFactory.class, () -> new LoadBalancerClientFactory(new LoadBalancerClientsProperties()));
            context.registerBean(WebClient.Builder.class, WebClient::builder);
            context.register(ServiceInstanceList.class);
            context.refresh();
            ServiceInstanceListSupplier list = context.getBean(ServiceInstanceListSupplier.class);

            for (int call = 0; call < 20; call++) {
                assertThat(list.get().blockFirst(Duration.ofSeconds(5))).hasSize(1);
            }

            assertThat(asked.get()).isEqualTo(1);
        } finally {
            service.stop(0);
        }
    }

    @Test
    void a_health_check_list_that_cannot_be_started_fails_the_start_instead_of_checking_on_every_call() {
        ServiceInstanceList.ReadyInstances ready = new ServiceInstanceList.ReadyInstances("goal-service", instances, listed());

        assertThatThrownBy(ready::afterPropertiesSet).isInstanceOf(IllegalStateException.class).hasMessageContaining("goal-service");
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
        HealthCheckServiceInstanceListSupplier checked = new HealthCheckServiceInstanceListSupplier(listed(), properties(),
                (instance, path) -> {
                    checks.incrementAndGet();
                    return Mono.just(isReady.test(instance));
                });
        return new ServiceInstanceList.ReadyInstances("goal-service", instances, checked);
    }

    /** The instances as listed, unchecked. */
    private ServiceInstanceListSupplier listed() {
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return "goal-service";
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.just(instances);
            }
        };
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
