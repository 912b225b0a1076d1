package com.acme.goals.crmlink;

import com.acme.goals.architecture.ServiceShape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The house rules over this service ({@link ServiceShape}: layout, a domain free of adapters, no reaching across). */
class ArchitectureTest {

    @Test
    void the_service_has_the_house_shape() {
        List<String> broken = ServiceShape.of(getClass().getPackageName()).brokenRules();
        assertTrue(broken.isEmpty(), () -> broken.size() + " house rule(s) broken:\n\n" + String.join("\n\n", broken));
    }
}
