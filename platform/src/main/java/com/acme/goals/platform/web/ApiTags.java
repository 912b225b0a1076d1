package com.acme.goals.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** The API's tags, named by the domain, each with the sentence Swagger UI shows under it. */
public final class ApiTags {

    public static final String GOALS = "Goals";
    public static final String ORG_CHART = "Org chart";
    public static final String REPORTS = "Reports";
    public static final String TEMPLATES = "Templates";
    public static final String CRM_ACTIVITY = "CRM activity";
    public static final String CUSTOMER_LINKS = "Customer links";
    public static final String PROGRESS = "Progress";
    public static final String SCORES = "Scores";
    public static final String BOARDS = "Boards";
    public static final String DASHBOARDS = "Dashboards";
    public static final String RUBRICS = "Rubrics";
    public static final String OPERATIONS = "Operations";

    static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(GOALS, "The goal tree: goals per owner and period, their targets, actions and revisions, and the "
                + "metric catalogue targets name.");
        DESCRIPTIONS.put(ORG_CHART, "Who reports to whom, since when: registering, moving and recording leavers.");
        DESCRIPTIONS.put(REPORTS, "Weekly and daily plans and summaries on the company's forms: draft, fill, submit, "
                + "annotate, answer, return, review; timeliness, excuses, the review inbox and notices.");
        DESCRIPTIONS.put(TEMPLATES, "The forms reports are written on, versioned, with the day each takes effect.");
        DESCRIPTIONS.put(CRM_ACTIVITY, "The HTTP door for other systems' CRM activity (CloudEvents), beside the Kafka topic.");
        DESCRIPTIONS.put(CUSTOMER_LINKS, "Customers linked to goals and actions, with their CRM records in the goal's period.");
        DESCRIPTIONS.put(PROGRESS, "Targets against CRM actuals, rolled up a goal's tree.");
        DESCRIPTIONS.put(SCORES, "Week scores, the month's behaviour total and its pay factor.");
        DESCRIPTIONS.put(BOARDS, "A person's weekly execution board.");
        DESCRIPTIONS.put(DASHBOARDS, "A team's dashboard and leaderboard.");
        DESCRIPTIONS.put(RUBRICS, "How a week is scored: weights, caps, credits and pay bands, versioned.");
        DESCRIPTIONS.put(OPERATIONS, "For operators: the read models' lag and their rebuild.");
    }

    private ApiTags() {
    }
}
