package com.acme.goals.scoring.web;

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

/** The weekly execution board (api.md, Scores and dashboards). */
@RestController
@RequestMapping("/api/boards")
public class BoardController {

    private final WeekBoard boards;
    private final Access access;

    public BoardController(WeekBoard boards, Access access) {
        this.boards = boards;
        this.access = access;
    }

    @GetMapping("/weeks/{employeeId}/{isoWeek}")
    public WeekBoard.Board week(@PathVariable String employeeId, @PathVariable String isoWeek) {
        access.requireRead(Actor.current(), employeeId, Access.periodOf(isoWeek), "the weekly board");
        try {
            Period.parse(PeriodType.WEEK, isoWeek);
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("isoWeek", "'" + isoWeek + "' is not an ISO week such as 2026-W48");
        }
        return boards.of(employeeId, isoWeek);
    }
}
