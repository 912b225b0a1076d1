package com.acme.goals.architecture;

import org.junit.jupiter.api.Test;

/** Extended once in every service's root test package: the house rules over that service. */
public abstract class HouseRulesTest {

    @Test
    void the_service_has_the_house_shape() {
        ServiceShape.of(getClass().getPackageName()).check();
    }
}
