package com.acme.goals.e2e;

import com.acme.goals.localstack.LocalStack;

import java.nio.file.Path;

/**
 * One embedded stack for every end-to-end class of a run: starting five services costs ~35 s on two cores. If it fails
 * to start, the failure is kept and every later class fails with it at once, rather than starting five more processes.
 */
final class SharedStack {

    private static LocalStack stack;
    private static Exception failed;

    static synchronized LocalStack get() throws Exception {
        if (failed != null) {
            throw new IllegalStateException("the shared stack failed to start earlier in this run", failed);
        }
        if (stack == null) {
            Path home = Path.of(System.getProperty("goals.home", "..")).toAbsolutePath().normalize();
            try {
                stack = new LocalStack(LocalStack.Options.forTests(home)).start();
            } catch (Exception e) {
                failed = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-shutdown"));
        }
        return stack;
    }

    private SharedStack() {
    }
}
