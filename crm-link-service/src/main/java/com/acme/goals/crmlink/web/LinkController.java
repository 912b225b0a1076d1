package com.acme.goals.crmlink.web;

import com.acme.goals.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.period.PeriodType;
import com.acme.goals.crmlink.domain.CustomerLinking;
import com.acme.goals.crmlink.readmodel.CustomerLinks;
import com.acme.goals.crmlink.domain.KnownGoal;
import com.acme.goals.crmlink.readmodel.GoalDirectory;
import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.team.org.OrgEntry;
import com.acme.goals.team.access.Access;
import com.acme.goals.platform.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static com.acme.goals.contracts.problem.ProblemType.CONFLICT;
import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/**
 * Customer links (api.md, CRM links): the goal's owner links a customer to a goal or one of its actions; the owner's
 * line reads the links with the customer's records of the goal's owner in the goal's period.
 */
@Tag(name = ApiTags.CUSTOMER_LINKS)
@RestController
@RequestMapping("/api/crm/links")
public class LinkController {

    private static final Logger log = LoggerFactory.getLogger(LinkController.class);
    private final CustomerLinking linking;
    private final CustomerLinks links;
    private final GoalDirectory goals;
    private final ScoringRecords records;
    private final OrgChart orgChart;
    private final Access access;
    private final java.time.Clock clock;

    public LinkController(CustomerLinking linking, CustomerLinks links, GoalDirectory goals, ScoringRecords records,
                          OrgChart orgChart, Access access, java.time.Clock clock) {
        this.linking = linking;
        this.links = links;
        this.goals = goals;
        this.records = records;
        this.orgChart = orgChart;
        this.access = access;
        this.clock = clock;
    }

    public record Linked(String linkId, String goalId, String actionId, String customerId, boolean created) {
    }

    /** A record of the linked customer that counts in the goal's period. */
    public record LinkedRecord(String activityId, String type, String ref, String recordIdField, String recordId,
                               String subject, LocalDate day, String at, List<ActivityLedger.Delta> deltas) {
    }

    public record LinkView(String linkId, String customerId, String actionId, String linkedBy, String linkedAt,
                           List<LinkedRecord> records) {
    }

    public record GoalLinks(String goalId, String ownerId, String periodType, String periodKey, LocalDate firstDay,
                            LocalDate lastDay, List<LinkView> links) {
    }

    /** 201 when the link is new, 200 when the same customer was already linked the same way. */
    @Operation(summary = "Link a customer to a goal",
            description = "Who may call: the goal's owner only (not the supervisor line). Links a customer to the goal or "
                + "to one of its planned actions, so the customer's CRM records show under it. Linking again is no "
                + "new fact: 200 with `created: false`. Records `crm.CustomerLinked`.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND, CONFLICT})
    @ApiResponse(responseCode = "201", description = "linked now: `created` is true",
            content = @Content(schema = @Schema(implementation = Linked.class)))
    @ApiResponse(responseCode = "200", description = "already linked: the same link, `created` false",
            content = @Content(schema = @Schema(implementation = Linked.class)))
    @PostMapping
    public ResponseEntity<Linked> link(@RequestBody CustomerLinking.Request request) {
        Actor actor = Actor.current();
        CustomerLinking.Outcome outcome = linking.link(actor.id(), request);
        log.info("customer {} linked to goal {} action {} by {} (new: {})", request.customerId(), request.goalId(),
                request.actionId(), actor.id(), outcome.created());
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(new Linked(outcome.linkId(),
                request.goalId(), request.actionId(), request.customerId(), outcome.created()));
    }

    @Operation(summary = "A goal's customer links",
            description = "Who may call: the owner, anyone above the owner in the reporting line (now, or during the period"
                + " read), and admins; anyone else gets 403. The goal's period and each linked customer with that "
                + "customer's records of the owner inside the period, read from scoring-service's ledger (a 503 when "
                + "it does not answer in 5 s).")
    @Refuses({NOT_ALLOWED, NOT_FOUND})
    @GetMapping
    public GoalLinks ofGoal(@RequestParam String goalId) {
        KnownGoal goal = goals.find(goalId).orElseThrow(() -> new NotFound("goal " + goalId + " is not known"));
        access.requireRead(Actor.current(), goal.ownerId(), goal.periodKey(), "the customer links of goal " + goalId);
        List<CustomerLinks.Link> found = links.ofGoal(goalId);
        Period window = window(goal, found);
        List<ActivityLedger.Entry> entries = found.isEmpty() ? List.of()
                : records.of(goal.ownerId(), window, found.stream().map(CustomerLinks.Link::customerId).distinct().toList());
        List<LinkView> views = found.stream().map(link -> new LinkView(link.linkId(), link.customerId(), link.actionId(),
                link.linkedBy(), link.linkedAt(), entries.stream().filter(e -> link.customerId().equals(e.customerId()))
                        .map(e -> new LinkedRecord(e.activityId(), e.type(), e.ref(), e.recordIdField(), e.recordId(),
                                e.subject(), e.day(), e.at(), e.deltas())).toList()))
                .toList();
        return new GoalLinks(goalId, goal.ownerId(), goal.periodType(), goal.periodKey(), window.firstDay(), window.lastDay(), views);
    }

    /** The goal's period; a single matter (EVENT) has none, so its records are those of the week it was first linked. */
    private Period window(KnownGoal goal, List<CustomerLinks.Link> found) {
        if (!PeriodType.EVENT.name().equals(goal.periodType())) {
            return Period.parse(PeriodType.valueOf(goal.periodType()), goal.periodKey());
        }
        ZoneId zone = orgChart.find(goal.ownerId()).map(OrgEntry::timeZone).map(ZoneId::of).orElse(ZoneId.of("UTC"));
        Instant firstLinked = found.isEmpty() ? clock.instant() : Instant.parse(found.get(0).linkedAt());
        return Period.weekOf(firstLinked.atZone(zone).toLocalDate());
    }
}
