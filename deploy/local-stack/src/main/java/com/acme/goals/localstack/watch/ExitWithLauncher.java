package com.acme.goals.localstack.watch;

import java.util.Optional;

/**
 * A Java agent the local stack puts on every service process it starts: once the launcher that started the service is
 * gone (stopped, crashed, or killed with {@code kill -9}, which runs no shutdown hook), the service stops too, so no
 * service outlives its stack. The agent argument is the launcher's pid; the service notices within half a second that
 * its parent is no longer that process (an orphan is handed to another parent the moment its own dies).
 * <p>
 * Kept free of any dependency: it is copied alone into a small jar beside the stack (see {@code LocalStack}).
 */
public final class ExitWithLauncher {

    private ExitWithLauncher() {
    }

    public static void premain(String launcherPid) {
        long launcher = Long.parseLong(launcherPid.trim());
        Thread watch = new Thread(() -> {
            while (parentIs(launcher)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("the launcher (pid " + launcher + ") is gone: stopping this service");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException ignored) {
                    // halting anyway
                }
                Runtime.getRuntime().halt(3); // a graceful stop that hangs must not keep the orphan alive
            }, "exit-with-launcher-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(3);
        }, "exit-with-launcher");
        watch.setDaemon(true);
        watch.start();
    }

    static boolean parentIs(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        return parent.isPresent() && parent.get().pid() == pid && parent.get().isAlive();
    }
}
