package com.acme.goals.localstack;

/** Stands in for a service in {@link LocalStackTest}: starts, never answers a health check, runs until stopped. */
public final class FakeService {

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }

    /** A service that cannot start: exits at once, as one with a broken configuration does. */
    public static final class Broken {
        public static void main(String[] args) {
            System.err.println("fake service: refusing to start");
            System.exit(3);
        }
    }

    /**
     * Healthy, but not the process the stack started on that port (as when two services were given one port and the
     * other one won it): answers {@code /actuator/health} UP and an {@code /actuator/info} without its instance.
     */
    public static final class Impostor {
        public static void main(String[] args) throws Exception {
            var server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
            server.createContext("/", exchange -> {
                byte[] body = (exchange.getRequestURI().getPath().endsWith("/health") ? "{\"status\":\"UP\"}" : "{}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Healthy and the process the stack started (its /actuator/info names the instance): stands in for the issuer. */
    public static final class Healthy {
        public static void main(String[] args) throws Exception {
            String instance = System.getenv("INFO_STACK_INSTANCE");
            var server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
            server.createContext("/", exchange -> {
                byte[] body = (exchange.getRequestURI().getPath().endsWith("/health") ? "{\"status\":\"UP\"}"
                        : "{\"stack-instance\":\"" + instance + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private FakeService() {
    }
}
