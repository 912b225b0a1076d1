package com.acme.goals.localstack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run as its own process by {@link LocalStackTest}: starts a stack of fake services (which never become healthy, so
 * {@code start()} keeps waiting), prints each service's pid once all run, and waits to be killed.
 */
public final class FakeLauncher {

    public static void main(String[] args) throws Exception {
        LocalStack stack = new LocalStack(LocalStackTest.options(Path.of(args[0])).withStartTimeout(Duration.ofMinutes(10)));
        Thread report = new Thread(() -> {
            try {
                while (stack.processes().size() < 6 || stack.processes().values().stream().anyMatch(p -> p.pid() < 0)) {
                    Thread.sleep(100);
                }
                StringBuilder pids = new StringBuilder("pids");
                stack.processes().values().forEach(p -> pids.append(' ').append(p.pid()));
                System.out.println(pids);
                System.out.flush();
            } catch (InterruptedException ignored) {
                // the launcher is going away
            }
        });
        report.setDaemon(true);
        report.start();
        stack.start();
    }

    private FakeLauncher() {
    }
}
