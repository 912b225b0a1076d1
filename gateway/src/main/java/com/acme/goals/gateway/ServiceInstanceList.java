package com.acme.goals.gateway;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
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
        return new ReadyInstances(service, instances, checked);
    }

    /**
     * The instances whose readiness answered UP at the last check. The health-check supplier is not a bean of its own,
     * so its start and stop are handed on from here: unstarted, it checked every instance anew for each call (a second
     * request to the service per call, and the call waited for it; issue 18), instead of every 2 s in the background.
     * When no check answered in time (a busy service, not a dead one: at 500 calls a second through one goal-service the
     * checks timed out and every call got 503 "no servers"), all are called rather than none; a dead one refuses the
     * connection and the read is retried on another.
     */
    static final class ReadyInstances implements ServiceInstanceListSupplier, InitializingBean, DisposableBean {

        private final String service;
        private final List<ServiceInstance> instances;
        private final ServiceInstanceListSupplier checked;

        ReadyInstances(String service, List<ServiceInstance> instances, ServiceInstanceListSupplier checked) {
            this.service = service;
            this.instances = instances;
            this.checked = checked;
        }

        @Override
        public String getServiceId() {
            return service;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return checked.get().map(ready -> ready.isEmpty() ? instances : ready);
        }

        /**
         * Fails the service's load-balancer context (made at the first call to the service) when the health-check
         * supplier can no longer be started from here: a later Spring Cloud might wrap it, and unstarted it costs a
         * readiness round trip per call without any other sign.
         */
        @Override
        public void afterPropertiesSet() throws Exception {
            if (!(checked instanceof InitializingBean starts)) {
                throw new IllegalStateException("the load balancer's health-check list of " + service + " (" + checked.getClass().getName()
                        + ") cannot be started: unstarted, it would ask every instance's readiness on every call");
            }
            starts.afterPropertiesSet();
        }

        @Override
        public void destroy() throws Exception {
            if (checked instanceof DisposableBean stops) {
                stops.destroy();
            }
        }
    }
}
