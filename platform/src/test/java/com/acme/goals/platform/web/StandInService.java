package com.acme.goals.platform.web;

import com.sun.net.httpserver.HttpServer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Another service on a real port, for the tests of a service's readers of it ({@link PeerService}): it keeps what it
 * was asked, as sent, and answers one JSON body with a status, after a delay if told. Each exchange runs on its own
 * thread, as in a real server, so a slow call does not queue the next behind it. Shared through platform's test-jar.
 */
public final class StandInService implements AutoCloseable {

    /** One request as it arrived: the path, the query still encoded, and the two headers a peer call carries. */
    public record Asked(String path, String rawQuery, String authorization, String requestId) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    private final String body;
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;

    private StandInService(String body) throws IOException {
        this.body = body;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stand-in-service");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", exchange -> {
            asked.add(new Asked(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst(RequestIds.HEADER)));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    /** Started, answering {@code body} with 200 to every request. */
    public static StandInService answering(String body) {
        try {
            return new StandInService(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An address where nothing listens: an instance that cannot be reached. */
    public static String nobodyListening() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current thread acts for a signed-in caller holding {@code token} until {@link #signOut()}. */
    public static void callerWithToken(String subject, String token) {
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "HS256").subject(subject).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    /** The current thread acts for no one again (JUnit runs the next test on the same thread). */
    public static void signOut() {
        SecurityContextHolder.clearContext();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Asked> asked() {
        return asked;
    }

    public StandInService status(int status) {
        this.status = status;
        return this;
    }

    public StandInService delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
