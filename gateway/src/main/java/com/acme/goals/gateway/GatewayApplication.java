package com.acme.goals.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The one door for people and dashboards: routing, JWT authentication, correlation ids. */
@SpringBootApplication
public class GatewayApplication {

    /** Reactor Netty's own setting: how many event loops the server and the HTTP client to the services share. */
    static final String EVENT_LOOPS = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        // one event loop per core rather than Reactor Netty's at-least-four: the gateway only relays, and on two cores four
        // loops cost it about 6% more CPU a call at 500 calls/s, measured against goal-service's in the same runs (issue 18)
        System.setProperty(EVENT_LOOPS, System.getProperty(EVENT_LOOPS, String.valueOf(Runtime.getRuntime().availableProcessors())));
        SpringApplication.run(GatewayApplication.class, args);
    }
}
