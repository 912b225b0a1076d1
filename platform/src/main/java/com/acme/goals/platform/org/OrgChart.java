package com.acme.goals.platform.org;

import com.acme.goals.contracts.org.EmployeeRegistered;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The org chart as each service sees it, projected from {@code org.events} into the service's own database
 * (one document per employee, keyed by id). Upserts make it idempotent; it can be rebuilt from the topic.
 */
public class OrgChart {

    public static final String COLLECTION = "org_chart";
    private final MongoCollection<Document> employees;

    public OrgChart(MongoDatabase database) {
        this.employees = database.getCollection(COLLECTION);
    }

    public void apply(EmployeeRegistered event) {
        Document doc = new Document("_id", event.employeeId())
                .append("role", event.role())
                .append("supervisorId", event.supervisorId())
                .append("timeZone", event.timeZone());
        employees.replaceOne(Filters.eq("_id", event.employeeId()), doc, new ReplaceOptions().upsert(true));
    }

    public Optional<OrgEntry> find(String employeeId) {
        Document doc = employees.find(Filters.eq("_id", employeeId)).first();
        return Optional.ofNullable(doc).map(d -> new OrgEntry(d.getString("_id"), d.getString("role"),
                d.getString("supervisorId"), d.getString("timeZone")));
    }

    /** The ids of those who report directly to an employee. */
    public java.util.List<String> directReports(String employeeId) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        employees.find(Filters.eq("supervisorId", employeeId)).forEach(d -> ids.add(d.getString("_id")));
        java.util.Collections.sort(ids);
        return ids;
    }

    /** The supervisors above an employee, nearest first; a cycle in bad data ends the walk instead of looping. */
    public java.util.List<String> chainAbove(String employeeId) {
        java.util.List<String> chain = new java.util.ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = find(employeeId).map(OrgEntry::supervisorId).orElse(null);
        while (current != null && seen.add(current)) {
            chain.add(current);
            current = find(current).map(OrgEntry::supervisorId).orElse(null);
        }
        return chain;
    }

    /** True when {@code supervisorId} stands above {@code employeeId} in the reporting line, directly or not. */
    public boolean isAbove(String supervisorId, String employeeId) {
        return chainAbove(employeeId).contains(supervisorId);
    }
}
