package com.acme.goals.report.application;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.report.domain.ReportSlot;
import com.acme.goals.report.domain.ReportTemplate;
import com.acme.goals.report.readmodel.ReportIndex;
import com.acme.goals.report.readmodel.ReportProjection;
import com.acme.goals.report.readmodel.ReportSlots;
import com.acme.goals.report.readmodel.TemplateCatalogue;
import com.acme.goals.report.readmodel.ReportView;
import com.acme.goals.team.org.OrgChart;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * 汇报及时: for everyone below a supervisor in the line, each report due in the period and its state — ON_TIME,
 * LATE, MISSING, EXCUSED, or OPEN (not submitted, not yet past its deadline) — with the counts. Whether a report
 * was due at all is {@link ReportTemplate#expects}, the rule the deadline sweep uses too.
 */
@Component
public class TeamTimeliness {

    public record MemberTimeliness(String employeeId, String templateId, String state, String reportId) {
    }

    public record Summary(String supervisorId, String periodKey, Map<String, Integer> counts, List<MemberTimeliness> members) {
    }

    private final ReportSlots slots;
    private final TemplateCatalogue templates;
    private final OrgChart orgChart;
    private final ReportIndex index;
    private final ReportProjection reports;

    public TeamTimeliness(ReportSlots slots, TemplateCatalogue templates, OrgChart orgChart, ReportIndex index,
                          ReportProjection reports) {
        this.slots = slots;
        this.templates = templates;
        this.orgChart = orgChart;
        this.index = index;
        this.reports = reports;
    }

    /**
     * Reads per template a fixed number of times whatever the line's size: the line with what each member's obligation
     * needs (one read), then the period's reports, their timeliness and the settled slots (one read each).
     */
    public Summary of(String supervisorId, String periodKey) {
        Period period;
        try {
            period = Period.parse(periodKey);
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
        List<OrgChart.Member> line = orgChart.membersBelow(supervisorId);
        List<MemberTimeliness> rows = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (ReportTemplate template : templates.all()) {
            if (!template.periodType().equals(period.type().name())) {
                continue;
            }
            List<OrgChart.Member> holders = line.stream().filter(m -> template.role().equals(m.role())).toList();
            Map<String, String> reportOf = index.forPeriod(holders.stream().map(OrgChart.Member::employeeId).toList(),
                    template.templateId(), period.key());
            Map<String, String> timelinessOf = reports.timeliness(reportOf.values());
            List<OrgChart.Member> owing = new ArrayList<>();
            for (OrgChart.Member member : holders) {
                if (reportOf.containsKey(member.employeeId())
                        || template.expects(member.role(), ZoneId.of(member.timeZone()), member.joinedOn(), member.leftAt(), period)) {
                    owing.add(member); // written, or expected of them: a row either way
                }
            }
            Map<String, String> slotOf = new java.util.HashMap<>();
            owing.forEach(m -> slotOf.put(ReportSlot.id(m.employeeId(), template.templateId(), period.key()), m.employeeId()));
            Map<String, String> stateBySlot = slots.states(slotOf.keySet());
            Map<String, String> settled = new java.util.HashMap<>();
            stateBySlot.forEach((slotId, state) -> settled.put(slotOf.get(slotId), state));
            for (OrgChart.Member member : owing) {
                String reportId = reportOf.get(member.employeeId());
                String state = reportId == null ? null : timelinessOf.get(reportId);
                if (state == null) {
                    state = settled.getOrDefault(member.employeeId(), "OPEN");
                }
                rows.add(new MemberTimeliness(member.employeeId(), template.templateId(), state, reportId));
                counts.merge(state, 1, Integer::sum);
            }
        }
        rows.sort(Comparator.comparing(MemberTimeliness::employeeId).thenComparing(MemberTimeliness::templateId));
        return new Summary(supervisorId, period.key(), counts, rows);
    }
}
