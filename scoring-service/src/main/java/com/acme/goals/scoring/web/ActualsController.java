package com.acme.goals.scoring.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.platform.web.ApiTags;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.team.access.Access;
import com.acme.goals.team.activity.ActivityLedger;
import com.acme.goals.team.org.OrgChart;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/**
 * A person's CRM actuals over a period, from the ledger progress and boards read: what a draft's {@code source} fields
 * are prefilled with (decision 20, proposed), and what a dashboard shows beside targets.
 */
@Tag(name = ApiTags.PROGRESS)
@RestController
@RequestMapping("/api/actuals")
public class ActualsController {

    /** One metric's total in one unit; the amount as a decimal string, as every amount the API answers. */
    public record Actual(String metric, String unit, BigDecimal amount) {
    }

    public record Actuals(String ownerId, String periodKey, LocalDate firstDay, LocalDate lastDay, List<Actual> actuals) {
    }

    public record CustomerRecords(String ownerId, String periodKey, LocalDate firstDay, LocalDate lastDay,
                                  List<ActivityLedger.Entry> records) {
    }

    /** Enough for a goal's linked customers; more would be a list to page, not a look-up. */
    static final int MOST_CUSTOMERS = 100;

    private final ActivityLedger ledger;
    private final OrgChart orgChart;
    private final Access access;

    public ActualsController(ActivityLedger ledger, OrgChart orgChart, Access access) {
        this.ledger = ledger;
        this.orgChart = orgChart;
        this.access = access;
    }

    @Operation(summary = "A person's CRM actuals over a period",
            description = "Who may call: the person, anyone above them in the reporting line (now, or during the period"
                    + " read), and admins; anyone else gets 403. The totals per metric and unit of every activity"
                    + " recorded for the person on the days of the period (a year, quarter, month, ISO week or day), in"
                    + " the person's time zone, each activity once however often it was delivered; metrics with no"
                    + " activity are left out.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/{ownerId}")
    public Actuals of(@PathVariable String ownerId, @RequestParam String periodKey) {
        Period period = PeriodKeys.parse(periodKey, "the actuals", PeriodKeys.WITH_DAYS);
        access.requireRead(Actor.current(), ownerId, period, "the actuals");
        orgChart.find(ownerId).orElseThrow(() -> new NotFound("employee " + ownerId + " is not in the org chart"));
        List<Actual> actuals = ledger.totals(ownerId, period.firstDay(), period.lastDay()).entrySet().stream()
                .map(total -> ActivityLedger.Delta.ofTotal(total.getKey(), total.getValue()))
                .map(total -> new Actual(total.metric(), total.unit(), new BigDecimal(total.amount())))
                .sorted(Comparator.comparing(Actual::metric).thenComparing(Actual::unit, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        return new Actuals(ownerId, period.key(), period.firstDay(), period.lastDay(), actuals);
    }

    @Operation(summary = "A person's CRM records of some customers over a period",
            description = "Who may call: as for the actuals (the person, the line now or during the period, admins);"
                    + " anyone else gets 403. Every activity recorded for the person on the days of the period that"
                    + " names one of the customers (`customerId`, repeated, 1 to " + MOST_CUSTOMERS + "), each once,"
                    + " in time order: what crm-link shows under a goal's linked customers.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED, NOT_FOUND})
    @GetMapping("/{ownerId}/records")
    public CustomerRecords records(@PathVariable String ownerId, @RequestParam String periodKey,
                                   @RequestParam List<String> customerId) {
        Period period = PeriodKeys.parse(periodKey, "the CRM records", PeriodKeys.WITH_DAYS);
        if (customerId.isEmpty() || customerId.size() > MOST_CUSTOMERS) {
            throw new DomainRuleBroken("customerId", "name 1 to " + MOST_CUSTOMERS + " customers, not " + customerId.size());
        }
        access.requireRead(Actor.current(), ownerId, period, "the CRM records");
        orgChart.find(ownerId).orElseThrow(() -> new NotFound("employee " + ownerId + " is not in the org chart"));
        Set<String> customers = Set.copyOf(customerId);
        List<ActivityLedger.Entry> records = ledger.entries(ownerId, period.firstDay(), period.lastDay()).stream()
                .filter(entry -> entry.customerId() != null && customers.contains(entry.customerId()))
                .toList();
        return new CustomerRecords(ownerId, period.key(), period.firstDay(), period.lastDay(), records);
    }
}
