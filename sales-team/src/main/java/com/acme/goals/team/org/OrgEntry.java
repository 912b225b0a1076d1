package com.acme.goals.team.org;

/** One employee's place in the org chart: enough to authorise and to place activity in their time zone. */
public record OrgEntry(String employeeId, String role, String supervisorId, String timeZone) {
}
