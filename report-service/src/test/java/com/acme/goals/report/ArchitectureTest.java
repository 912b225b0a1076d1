package com.acme.goals.report;

/** The house rules: {@link com.acme.goals.architecture.ServiceShape}. */
class ArchitectureTest extends com.acme.goals.architecture.HouseRulesTest {
}
