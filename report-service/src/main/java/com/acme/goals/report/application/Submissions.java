package com.acme.goals.report.application;

/**
 * Whether a report was ever submitted, as its own history says (not a read model, which may lag behind a submission
 * made a moment before the deadline).
 */
@FunctionalInterface
public interface Submissions {

    boolean submitted(String reportId);
}
