package com.acme.goals.scoring.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.scoring.domain.LeaderboardCommands.CloseLeaderboard;
import com.acme.goals.scoring.domain.LeaderboardCommands.OpenLeaderboard;
import com.acme.goals.scoring.readmodel.Leaderboards;
import com.acme.goals.team.access.Access;
import com.acme.goals.team.org.OrgChart;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/**
 * Team leaderboards, off by default: the team's supervisor opens, changes or closes theirs; the line below sees it,
 * as do those above the supervisor and admins. Nobody outside the team does.
 */
@Tag(name = ApiTags.DASHBOARDS)
@RestController
@RequestMapping("/api/leaderboards/teams/{supervisorId}")
public class LeaderboardController {

    private static final Logger log = LoggerFactory.getLogger(LeaderboardController.class);
    private final Leaderboards leaderboards;
    private final CommandGateway commands;
    private final OrgChart orgChart;
    private final Access access;

    public LeaderboardController(Leaderboards leaderboards, CommandGateway commands, OrgChart orgChart, Access access) {
        this.leaderboards = leaderboards;
        this.commands = commands;
        this.orgChart = orgChart;
        this.access = access;
    }

    public record OpenRequest(@NotBlank String rankBy, String metric) {
    }

    /** The ranking for a week or a month: members, those above the supervisor, admins; 404 while it is off. */
    @Operation(summary = "A team's leaderboard",
            description = "Who may call: the team (everyone in the line below), that supervisor, those above, and admins. "
                + "The week's or month's ranking by score, or by a metric's actual over target; equal values share "
                + "a rank. 404 while the supervisor has not opened it.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND})
    @GetMapping
    public Leaderboards.Page ranking(@PathVariable String supervisorId, @RequestParam String periodKey,
                                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        orgChart.find(supervisorId).orElseThrow(() -> new NotFound("employee " + supervisorId + " is not in the org chart"));
        Actor actor = Actor.current();
        boolean inTeam = orgChart.chainAbove(actor.id()).contains(supervisorId);
        if (!inTeam && !access.mayRead(actor, supervisorId)) { // mayRead: the supervisor, those above, admins
            throw new NotAllowed(actor.id() + " may not read the leaderboard of " + supervisorId + "'s team: only the team, "
                    + supervisorId + ", those above them and admins may");
        }
        if (page < 0) {
            throw new DomainRuleBroken("page", "0 or more");
        }
        if (size < 1 || size > DashboardController.MAX_SIZE) {
            throw new DomainRuleBroken("size", "from 1 to " + DashboardController.MAX_SIZE);
        }
        Period period = PeriodKeys.parse(periodKey, "a leaderboard", PeriodKeys.WEEK_OR_MONTH);
        Leaderboards.Settings board = leaderboards.settings(supervisorId)
                .orElseThrow(() -> new NotFound("the team of " + supervisorId + " has no leaderboard: its supervisor has not opened one"));
        return leaderboards.rank(board, period, page, size);
    }

    /** Opens or changes the team's leaderboard (the supervisor only): rankBy SCORE, or METRIC with a metric. */
    @Operation(summary = "Open or change a team's leaderboard",
            description = "Who may call: that supervisor only (not admins: it is the team's choice). Ranks by SCORE, or by "
                + "METRIC with a catalogued `metric`. Records `scoring.LeaderboardOpened`; the same settings again "
                + "record nothing.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @PutMapping
    public Leaderboards.Settings open(@PathVariable String supervisorId, @Valid @RequestBody OpenRequest request) {
        Actor actor = requireSupervisor(supervisorId);
        commands.sendAndWait(new OpenLeaderboard(supervisorId, request.rankBy(), request.metric(), actor.id()));
        log.info("leaderboard of {} opened by {}: {} {}", supervisorId, actor.id(), request.rankBy(), request.metric());
        return new Leaderboards.Settings(supervisorId, request.rankBy(), "METRIC".equals(request.rankBy()) ? request.metric() : null,
                actor.id(), null);
    }

    /** Closes it (the supervisor only); closing a closed or never-opened one changes nothing. */
    @Operation(summary = "Close a team's leaderboard",
            description = "Who may call: that supervisor only. Records `scoring.LeaderboardClosed`; closing a closed one "
                + "changes nothing.")
    @Refuses({NOT_ALLOWED})
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> close(@PathVariable String supervisorId) {
        Actor actor = requireSupervisor(supervisorId);
        try {
            commands.sendAndWait(new CloseLeaderboard(supervisorId, actor.id()));
        } catch (NotFound neverOpened) {
            // nothing to close
        }
        return ResponseEntity.noContent().build();
    }

    private Actor requireSupervisor(String supervisorId) {
        Actor actor = Actor.current();
        if (!actor.id().equals(supervisorId)) {
            throw new NotAllowed(actor.id() + " may not open or close the leaderboard of " + supervisorId
                    + "'s team: only that supervisor may (it is their team's choice)");
        }
        orgChart.find(supervisorId).orElseThrow(() -> new NotFound("employee " + supervisorId + " is not in the org chart"));
        return actor;
    }
}
