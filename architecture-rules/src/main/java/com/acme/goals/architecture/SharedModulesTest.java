package com.acme.goals.architecture;

import org.junit.jupiter.api.Test;

/** Extended where the platform and the sales-team kernel are both on the class path. */
public abstract class SharedModulesTest {

    @Test
    void the_platform_is_plumbing_and_the_kernel_knows_no_service() {
        ServiceShape.checkSharedModules();
    }
}
