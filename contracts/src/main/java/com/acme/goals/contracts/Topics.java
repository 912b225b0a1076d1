package com.acme.goals.contracts;

/** Kafka topic names: part of the public contract (architecture.md, Events). */
public final class Topics {
    public static final String ORG_EVENTS = "org.events";
    public static final String GOAL_EVENTS = "goal.events";
    public static final String REPORT_EVENTS = "report.events";
    public static final String CRM_EVENTS = "crm.events";
    public static final String SCORING_EVENTS = "scoring.events";
    public static final String CRM_ACTIVITY = "crm.activity";
    public static final String ORG_ACTIVITY = "org.activity";

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** Every topic the system uses, each with its dead-letter topic, for a stack to create up front. */
    public static java.util.List<String> all() {
        java.util.List<String> topics = new java.util.ArrayList<>();
        for (String topic : java.util.List.of(ORG_EVENTS, GOAL_EVENTS, REPORT_EVENTS, CRM_EVENTS, SCORING_EVENTS, CRM_ACTIVITY,
                ORG_ACTIVITY)) {
            topics.add(topic);
            topics.add(deadLetter(topic));
        }
        return topics;
    }

    private Topics() {
    }
}
