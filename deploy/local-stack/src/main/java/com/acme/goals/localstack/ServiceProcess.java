package com.acme.goals.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service as its own operating-system process, with its log in a file and a health check. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;
    /** Changes with every start: what {@code /actuator/info} must show for the port to be this process's. */
    private volatile String instance;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.jvmOptions = jvmOptions;
        this.log = log;
    }

    public synchronized void start() throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: build first (./mvnw -DskipTests package)");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        // who answers on the port is checked, not assumed: a service that lost its port to another process would
        // otherwise look healthy through the other one's health endpoint
        instance = name + "-" + java.util.UUID.randomUUID();
        builder.environment().put("MANAGEMENT_INFO_ENV_ENABLED", "true");
        builder.environment().put("INFO_STACK_INSTANCE", instance);
        process = builder.start();
    }

    /** Waits until {@code /actuator/health} answers UP, or fails with the end of the service's log. */
    public void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log ends:\n" + logTail());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    String info = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/info")).timeout(Duration.ofSeconds(2))
                            .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (!info.contains(instance)) {
                        throw new IllegalStateException(name + ": port " + port + " is answered by another process (" + info
                                + "); its log ends:\n" + logTail());
                    }
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + "; its log ends:\n" + logTail());
    }

    /** Graceful stop (SIGTERM), then forced after a grace period. */
    public synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Asks the process to stop (SIGTERM) without waiting, so a whole stack can stop at once. */
    public synchronized void signalStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits until the deadline (System.nanoTime) for the process to end, then kills it. */
    public void awaitStopped(long deadline) throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running != null && !running.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Like {@code kill -9}: no shutdown hooks, no flushing. */
    public synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
