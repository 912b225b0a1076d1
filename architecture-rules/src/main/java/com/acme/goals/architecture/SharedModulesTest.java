package com.acme.goals.architecture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extended where the platform and the sales-team kernel are both on the class path. */
public abstract class SharedModulesTest {

    @Test
    void the_platform_is_plumbing_and_the_kernel_knows_no_service() {
        List<String> broken = ServiceShape.brokenSharedModuleRules();
        assertTrue(broken.isEmpty(), () -> broken.size() + " house rule(s) broken:\n\n" + String.join("\n\n", broken));
    }
}
