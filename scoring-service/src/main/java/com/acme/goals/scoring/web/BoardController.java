package com.acme.goals.scoring.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.scoring.readmodel.WeekBoard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** The weekly execution board (api.md, Scores and dashboards). */
@Tag(name = ApiTags.BOARDS)
@RestController
@RequestMapping("/api/boards")
public class BoardController {

    private final WeekBoard boards;
    private final Access access;

    public BoardController(WeekBoard boards, Access access) {
        this.boards = boards;
        this.access = access;
    }

    @Operation(summary = "A person's weekly execution board",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. The week goals with targets against actuals, the day "
                + "goals with their actions, the week's CRM records by kind (each saying which goal it counts for),"
                + " the reports owed with their timeliness, annotations with answers, and the latest score.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @GetMapping("/weeks/{employeeId}/{isoWeek}")
    public WeekBoard.Board week(@PathVariable String employeeId, @PathVariable String isoWeek) {
        access.requireRead(Actor.current(), employeeId, isoWeek, "the weekly board");
        try {
            Period.parse(PeriodType.WEEK, isoWeek);
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("isoWeek", "'" + isoWeek + "' is not an ISO week such as " + PeriodType.WEEK.exampleKey());
        }
        return boards.of(employeeId, isoWeek);
    }
}
