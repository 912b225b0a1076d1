package com.acme.goals.localstack.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The open loop's caller reads whole answers of either framing, so the next call on the connection starts clean. */
class KeepAliveCallerTest {

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        start(0);
    }

    private void start(int port) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String path = exchange.getRequestURI().getPath();
            boolean allowed = ("Bearer t-1").equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"path\":\"" + path + "\"," + "\"pad\":\"" + "x".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            int status = allowed ? 200 : 403;
            if (path.endsWith("/chunked")) {
                exchange.sendResponseHeaders(status, 0); // length 0: the JDK server answers chunked
            } else {
                exchange.sendResponseHeaders(status, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void reads_fixed_length_and_chunked_answers_one_after_another_on_one_connection() {
        try (KeepAliveCaller caller = new KeepAliveCaller("http://127.0.0.1:" + server.getAddress().getPort())) {
            for (int i = 0; i < 5; i++) {
                assertThat(caller.get("/api/goals/G-" + i, "t-1")).isEqualTo(200);
                assertThat(caller.get("/api/goals/G-" + i + "/chunked", "t-1")).isEqualTo(200);
                assertThat(caller.get("/api/goals/G-" + i, "someone-else")).isEqualTo(403);
            }
        }
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void a_server_gone_is_minus_one_and_the_next_call_after_it_is_back_reconnects() throws Exception {
        int port = server.getAddress().getPort();
        try (KeepAliveCaller caller = new KeepAliveCaller("http://127.0.0.1:" + port)) {
            assertThat(caller.get("/a", "t-1")).isEqualTo(200);
            server.stop(0);
            assertThat(caller.get("/a", "t-1")).isEqualTo(-1);
            start(port);
            assertThat(caller.get("/a", "t-1")).isEqualTo(200);
        }
        assertThat(clientPorts).hasSize(2);
    }
}
