package com.acme.goals.scoring.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.scoring.readmodel.TeamDashboard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** The team dashboard (api.md, Scores and dashboards): the supervisor, anyone above them, or an admin. */
@Tag(name = ApiTags.DASHBOARDS)
@RestController
@RequestMapping("/api/dashboards")
public class DashboardController {

    static final int MAX_SIZE = 200;
    private final TeamDashboard dashboards;
    private final OrgChart orgChart;
    private final Access access;

    public DashboardController(TeamDashboard dashboards, OrgChart orgChart, Access access) {
        this.dashboards = dashboards;
        this.orgChart = orgChart;
        this.access = access;
    }

    @Operation(summary = "A team's dashboard",
            description = "Who may call: that supervisor, anyone above them, and admins. Everyone in the line below (direct"
                + " and indirect, leavers left out) for a week or a month: completion of their goals, reports on "
                + "time / late / missing / excused, the week's score or the month's total and pay factor; sorted by"
                + " `employeeId` or `score`, `size` at most 200.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @GetMapping("/teams/{supervisorId}")
    public TeamDashboard.Page team(@PathVariable String supervisorId, @RequestParam String periodKey,
                                   @RequestParam(defaultValue = "employeeId") String sort,
                                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        orgChart.find(supervisorId).orElseThrow(() -> new NotFound("employee " + supervisorId + " is not in the org chart"));
        access.requireRead(Actor.current(), supervisorId, "the team dashboard"); // that supervisor, those above, admins
        if (page < 0) {
            throw new DomainRuleBroken("page", "0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new DomainRuleBroken("size", "from 1 to " + MAX_SIZE);
        }
        if (!sort.equals("employeeId") && !sort.equals("score")) {
            throw new DomainRuleBroken("sort", "employeeId or score");
        }
        return dashboards.of(supervisorId, PeriodKeys.parse(periodKey, "a team dashboard", PeriodKeys.WEEK_OR_MONTH), sort, page, size);
    }
}
