package com.acme.goals.e2e;

import com.acme.goals.localstack.LocalStack;

import java.nio.file.Path;

/** One embedded stack for every end-to-end class of a run: starting five services costs ~35 s on two cores. */
final class SharedStack {

    private static LocalStack stack;

    static synchronized LocalStack get() throws Exception {
        if (stack == null) {
            Path home = Path.of(System.getProperty("goals.home", "..")).toAbsolutePath().normalize();
            stack = new LocalStack(LocalStack.Options.forTests(home)).start();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-shutdown"));
        }
        return stack;
    }

    private SharedStack() {
    }
}
