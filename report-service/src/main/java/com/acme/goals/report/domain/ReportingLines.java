package com.acme.goals.report.domain;

/** Who stands above whom in the org chart: the one thing the report domain needs to know about people. */
public interface ReportingLines {

    /** True when {@code supervisorId} is above {@code employeeId} in the reporting line, directly or not. */
    boolean isAbove(String supervisorId, String employeeId);
}
