package com.acme.goals.team;

/** The platform stays plumbing and this kernel knows no service: {@link com.acme.goals.architecture.ServiceShape}. */
class ArchitectureTest extends com.acme.goals.architecture.SharedModulesTest {
}
