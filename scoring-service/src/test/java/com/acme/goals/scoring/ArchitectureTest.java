package com.acme.goals.scoring;

/** The house rules: {@link com.acme.goals.architecture.ServiceShape}. */
class ArchitectureTest extends com.acme.goals.architecture.HouseRulesTest {
}
