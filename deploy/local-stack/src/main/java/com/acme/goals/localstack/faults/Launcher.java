package com.acme.goals.localstack.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/run-local.sh --persist=DIR} as its own process, the way an operator runs it: the launcher JVM (Kafka
 * broker and MongoDB-wire server inside) and its five service processes. It can be killed as a whole, all at once, the
 * way a machine loses power.
 */
public final class Launcher implements AutoCloseable {

    private final Process process;
    private final String gatewayUrl;
    private final String kafka;

    private Launcher(Process process, String gatewayUrl, String kafka) {
        this.process = process;
        this.gatewayUrl = gatewayUrl;
        this.kafka = kafka;
    }

    /** Starts the stack on {@code dataDir} (kept across starts) and returns once it says it is up. */
    public static Launcher start(Path home, Path dataDir, int gatewayPort, String jwtSecret) throws Exception {
        Files.createDirectories(dataDir);
        Path out = Files.createTempFile(dataDir, "launcher-", ".out"); // one per start: an earlier start's lines name other ports
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgoals.home=" + home, "-Dgoals.stack.private=true"));
        command.addAll(launcherClassPath());
        command.addAll(List.of("--persist=" + dataDir, "--gateway-port=" + gatewayPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("JWT_SECRET", jwtSecret);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            String gateway = value(lines, "gateway");
            String kafka = value(lines, "kafka");
            if (gateway != null && kafka != null && lines.stream().anyMatch(l -> l.contains("local stack is up"))) {
                return new Launcher(process, gateway, kafka);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher exited with " + process.exitValue() + ":\n" + String.join("\n", lines));
            }
            Thread.sleep(250);
        }
        process.destroy();
        throw new IllegalStateException("the launcher did not come up within 5 minutes; see " + out);
    }

    /** The launcher as this JVM has it: its packaged jar (run-local.sh) or the class path (the tests). */
    private static List<String> launcherClassPath() {
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith("-exec.jar") && !classPath.contains(java.io.File.pathSeparator)) {
            return List.of("-jar", classPath);
        }
        return List.of("-cp", classPath, "com.acme.goals.localstack.LocalStackMain");
    }

    private static String value(List<String> lines, String name) {
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith(name + " ")) {
                return trimmed.substring(name.length()).trim();
            }
        }
        return null;
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public String kafka() {
        return kafka;
    }

    /** Like pulling the plug: the launcher and every service get SIGKILL at the same moment; nothing flushes. */
    public void killEverything() throws InterruptedException {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> p).join();
        }
    }

    /** A graceful stop (SIGTERM): the launcher stops its services. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                killEverything();
            }
        }
    }
}
