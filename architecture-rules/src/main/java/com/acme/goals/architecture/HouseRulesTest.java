package com.acme.goals.architecture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extended once in every service's root test package: the house rules over that service. */
public abstract class HouseRulesTest {

    @Test
    void the_service_has_the_house_shape() {
        List<String> broken = ServiceShape.of(getClass().getPackageName()).brokenRules();
        assertTrue(broken.isEmpty(), () -> broken.size() + " house rule(s) broken:\n\n" + String.join("\n\n", broken));
    }
}
