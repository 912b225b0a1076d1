package com.acme.goals.localstack.bench;

/**
 * The public topic names the benchmarks write to and read from (architecture.md, Events; inbound-contract.md). The
 * stack's tools depend on the built services only, not on their code: the services declare these topics themselves.
 */
final class Topics {
    static final String ORG_EVENTS = "org.events";
    static final String CRM_EVENTS = "crm.events";
    static final String CRM_ACTIVITY = "crm.activity";
    static final String ORG_ACTIVITY = "org.activity";

    private Topics() {
    }
}
