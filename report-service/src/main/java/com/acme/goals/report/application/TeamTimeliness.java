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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    public Summary of(String supervisorId, String periodKey) {
        Period period;
        try {
            period = Period.parse(periodKey);
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("periodKey", e.getMessage());
        }
        List<MemberTimeliness> rows = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        Set<String> line = new HashSet<>(orgChart.lineBelow(supervisorId));
        for (OrgChart.Member member : orgChart.members()) {
            if (!line.contains(member.employeeId())) {
                continue;
            }
            for (ReportTemplate template : templates.all()) {
                if (!template.role().equals(member.role()) || !template.periodType().equals(period.type().name())) {
                    continue;
                }
                ZoneId zone = ZoneId.of(member.timeZone());
                String reportId = index.forPeriod(member.employeeId(), template.templateId(), period.key()).orElse(null);
                if (reportId == null && !template.expects(member.role(), zone, member.joinedOn(), member.leftAt(), period)) {
                    continue; // nothing was expected of them for this period
                }
                String state = reportId == null ? null : reports.find(reportId).map(ReportView::timeliness).orElse(null);
                if (state == null) {
                    state = slots.state(ReportSlot.id(member.employeeId(), template.templateId(), period.key())).orElse("OPEN");
                }
                rows.add(new MemberTimeliness(member.employeeId(), template.templateId(), state, reportId));
                counts.merge(state, 1, Integer::sum);
            }
        }
        rows.sort(Comparator.comparing(MemberTimeliness::employeeId));
        return new Summary(supervisorId, period.key(), counts, rows);
    }
}
