package com.acme.goals.gateway;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each service's instances are: {@code goals.gateway.instances.<service>}, URLs separated by commas (one URL where
 * a platform's DNS spreads the calls, several from {@code deploy/run-local.sh --replicas=N}). Calls go round robin over
 * the instances whose readiness answers UP (Spring Cloud LoadBalancer's health checks), so a killed instance stops
 * getting calls within one check; a read that still reached it is retried on another (the routes' Retry filter).
 */
@Configuration
@LoadBalancerClients(defaultConfiguration = ServiceInstanceList.class)
public class ServiceInstances {

    /** @throws IllegalArgumentException when a service has no instance or an entry is not an http(s) URL */
    static List<ServiceInstance> parse(String service, String urls) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (String entry : urls.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            URI uri = URI.create(entry.trim());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("goals.gateway.instances." + service + ": '" + entry.trim() + "' is not an http(s) URL");
            }
            boolean secure = "https".equals(uri.getScheme());
            int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
            instances.add(new DefaultServiceInstance(service + "-" + (instances.size() + 1), service, uri.getHost(), port, secure));
        }
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("goals.gateway.instances." + service + " names no instance");
        }
        return List.copyOf(instances);
    }
}
