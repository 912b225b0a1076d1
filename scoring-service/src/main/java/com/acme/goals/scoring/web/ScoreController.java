package com.acme.goals.scoring.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.scoring.domain.ScoreCardCommands;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.contracts.scoring.MonthlyBehaviorTotaled;
import com.acme.goals.contracts.scoring.WeekScored;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.scoring.domain.Rubric;
import com.acme.goals.scoring.domain.ScoreCard;
import com.acme.goals.scoring.domain.WeekScoring;
import com.acme.goals.scoring.readmodel.ReportTimeliness;
import com.acme.goals.scoring.readmodel.Rubrics;
import com.acme.goals.scoring.readmodel.ScoreViews;
import com.acme.goals.scoring.readmodel.WeekInputs;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** Week scores and monthly totals (api.md, Scores and dashboards). */
@Tag(name = ApiTags.SCORES)
@RestController
@RequestMapping("/api/scores")
public class ScoreController {

    private static final Logger log = LoggerFactory.getLogger(ScoreController.class);
    private final CommandGateway commands;
    private final WeekInputs inputs;
    private final Rubrics rubrics;
    private final ReportTimeliness timeliness;
    private final ScoreViews views;
    private final OrgChart orgChart;
    private final Access access;

    public ScoreController(CommandGateway commands, WeekInputs inputs, Rubrics rubrics, ReportTimeliness timeliness,
                           ScoreViews views, OrgChart orgChart, Access access) {
        this.commands = commands;
        this.inputs = inputs;
        this.rubrics = rubrics;
        this.timeliness = timeliness;
        this.views = views;
        this.orgChart = orgChart;
        this.access = access;
    }

    public record ScoreRequest(Integer behaviorRating, String comment) {
    }

    public record RescoreRequest(Integer rubricVersion) {
    }

    public record History<T>(T latest, List<T> versions) {
    }

    /** Scores the week now, from the read models as they stand; answers the week's new score and the month's total. */
    @Operation(summary = "Score a week",
            description = "Who may call: anyone above the employee in the reporting line (not the employee, not peers, not "
                + "admins: what feeds pay is done by the line). Takes the behaviour rating (0–100) and a comment; "
                + "the automatic parts (numeric targets, actions, timeliness) are read at that moment. Records "
                + "`scoring.WeekScored` and the month's `scoring.MonthlyBehaviorTotaled`; scoring again is a new "
                + "version.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND})
    @PostMapping("/weeks/{employeeId}/{isoWeek}")
    @ResponseStatus(HttpStatus.CREATED)
    public ScoreCard.Recorded score(@PathVariable String employeeId, @PathVariable String isoWeek,
                                    @RequestBody ScoreRequest request) {
        Actor actor = requireScorer(employeeId);
        if (request.behaviorRating() == null) {
            throw new DomainRuleBroken("behaviorRating", "required, from 0 to 100");
        }
        if (request.comment() != null && request.comment().length() > 2000) {
            throw new DomainRuleBroken("comment", "at most 2000 characters");
        }
        YearMonth month = ScoreCard.monthOf(isoWeek);
        ScoreCard.Recorded recorded = commands.sendAndWait(new ScoreCardCommands.ScoreWeek(ScoreCard.id(employeeId, month), employeeId,
                isoWeek, rubrics.current(), inputs.read(employeeId, isoWeek, request.behaviorRating()), request.comment(),
                actor.id(), excusedWeeks(employeeId, month)));
        WeekScored week = recorded.weeks().get(0);
        log.info("week {} of {} scored {} (v{}, rubric v{}) by {}; {} total {} factor {}", isoWeek, employeeId, week.total(),
                week.version(), week.rubricVersion(), actor.id(), month, recorded.month().total(), recorded.month().payFactor());
        return recorded;
    }

    /** What the week would score now with this rating, recorded nowhere: the scorer sees the parts before saving. */
    @Operation(summary = "Preview a week's score",
            description = "Who may call: as for scoring. What scoring the week now would give with this behaviour rating "
                + "(the parts, the total, the rubric version and the inputs), recorded nowhere.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/weeks/{employeeId}/{isoWeek}/preview")
    public Preview preview(@PathVariable String employeeId, @PathVariable String isoWeek, @RequestParam int behaviorRating) {
        requireScorer(employeeId);
        ScoreCard.monthOf(isoWeek); // refuses a period that is not an ISO week, naming isoWeek
        if (behaviorRating < 0 || behaviorRating > 100) {
            throw new DomainRuleBroken("behaviorRating", "from 0 to 100, not " + behaviorRating);
        }
        Rubric rubric = rubrics.current();
        WeekScored.Inputs in = inputs.read(employeeId, isoWeek, behaviorRating);
        WeekScoring.Scored scored = WeekScoring.score(rubric, in);
        return new Preview(employeeId, isoWeek, rubric.version(), scored.parts(), scored.total(), in);
    }

    public record Preview(String employeeId, String isoWeek, int rubricVersion, WeekScored.Parts parts, BigDecimal total,
                          WeekScored.Inputs inputs) {
    }

    private Actor requireScorer(String employeeId) {
        Actor actor = Actor.current();
        orgChart.find(employeeId).orElseThrow(() -> new NotFound("employee " + employeeId + " is not in the org chart"));
        if (!orgChart.isAbove(actor.id(), employeeId)) {
            throw new NotAllowed(actor.id() + " may not score " + employeeId + ": only someone above them in the reporting line may");
        }
        return actor;
    }

    @Operation(summary = "A week's scores",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. The latest score of the week and every version, newest"
                + " first. 404 while it has not been scored.")
    @Refuses({NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/weeks/{employeeId}/{isoWeek}")
    public History<WeekScored> week(@PathVariable String employeeId, @PathVariable String isoWeek) {
        access.requireRead(Actor.current(), employeeId, isoWeek, "the scores");
        List<WeekScored> versions = views.week(employeeId, isoWeek);
        if (versions.isEmpty()) {
            throw new NotFound("week " + isoWeek + " of " + employeeId + " has not been scored");
        }
        return new History<>(versions.get(0), versions);
    }

    @Operation(summary = "A month's behaviour total",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. The month's total: each week it took (SCORED, EXCUSED "
                + "or MISSING), the mean, the pay factor of its band and the rubric version; every version, newest "
                + "first.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/months/{employeeId}/{month}")
    public History<MonthlyBehaviorTotaled> month(@PathVariable String employeeId, @PathVariable String month) {
        access.requireRead(Actor.current(), employeeId, month, "the scores");
        List<MonthlyBehaviorTotaled> versions = views.month(employeeId, parseMonth(month).toString());
        if (versions.isEmpty()) {
            throw new NotFound("no week of " + month + " of " + employeeId + " has been scored");
        }
        return new History<>(versions.get(0), versions);
    }

    /** Applies a rubric (the current one unless named) to every scored week of the month; the old scores stay. */
    @Operation(summary = "Re-score a month with a rubric",
            description = "Who may call: admins only. Every scored week of the month scored again from its recorded inputs "
                + "with the given rubric version (default: the current one); the new versions stand beside the old,"
                + " and the month gets a new total.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND})
    @PostMapping("/months/{employeeId}/{month}/rescore")
    @PreAuthorize("hasRole('ADMIN')")
    public ScoreCard.Recorded rescore(@PathVariable String employeeId, @PathVariable String month,
                                      @RequestBody(required = false) RescoreRequest request) {
        Actor actor = Actor.current();
        YearMonth yearMonth = parseMonth(month);
        Rubric rubric = request == null || request.rubricVersion() == null ? rubrics.current() : rubrics.version(request.rubricVersion());
        ScoreCard.Recorded recorded = commands.sendAndWait(new ScoreCardCommands.ApplyRubric(ScoreCard.id(employeeId, yearMonth), rubric,
                actor.id(), excusedWeeks(employeeId, yearMonth)));
        log.info("rubric v{} applied to {} of {} by {}: {} weeks re-scored, total {}", rubric.version(), month, employeeId,
                actor.id(), recorded.weeks().size(), recorded.month().total());
        return recorded;
    }

    private Set<String> excusedWeeks(String employeeId, YearMonth month) {
        return timeliness.excusedWeeks(employeeId, Period.weeksOf(month).stream().map(Period::key).toList());
    }

    private static YearMonth parseMonth(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new DomainRuleBroken("month", "'" + month + "' is not a month such as " + PeriodType.MONTH.exampleKey());
        }
    }
}
