package com.acme.goals.gateway;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The instance list of one service, made in that service's load-balancer context ({@link ServiceInstances}); not a
 * {@code @Configuration} of the gateway's own context, where no service is named.
 */
public class ServiceInstanceList {

    @Bean
    public ServiceInstanceListSupplier instanceList(ConfigurableApplicationContext context, Environment environment) {
        String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        List<ServiceInstance> instances = ServiceInstances.parse(service, environment.getProperty("goals.gateway.instances." + service, ""));
        ServiceInstanceListSupplier listed = new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return service;
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.just(instances);
            }
        };
        ServiceInstanceListSupplier checked = ServiceInstanceListSupplier.builder().withBase(listed).withHealthChecks().build(context);
        // when no readiness check answered in time (a busy service, not a dead one: at 500 calls a second through one
        // goal-service the checks timed out and every call got 503 "no servers"), call them all rather than none; a dead
        // one refuses the connection and the read is retried on another
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return service;
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return checked.get().map(ready -> ready.isEmpty() ? instances : ready);
            }
        };
    }
}
