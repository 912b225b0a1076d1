package com.acme.goals.team;

import com.acme.goals.architecture.ServiceShape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform stays plumbing and this kernel knows no service ({@link ServiceShape}). */
class ArchitectureTest {

    @Test
    void the_platform_is_plumbing_and_the_kernel_knows_no_service() {
        List<String> broken = ServiceShape.brokenSharedModuleRules();
        assertTrue(broken.isEmpty(), () -> broken.size() + " house rule(s) broken:\n\n" + String.join("\n\n", broken));
    }
}
