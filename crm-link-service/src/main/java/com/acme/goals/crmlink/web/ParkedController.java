package com.acme.goals.crmlink.web;

import com.acme.goals.crmlink.application.InboundActivity;
import com.acme.goals.crmlink.application.ParkedActivity;
import com.acme.goals.crmlink.domain.CheckedActivity;
import com.acme.goals.platform.web.ApiTags;
import com.acme.goals.platform.web.PageAsked;
import com.acme.goals.platform.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/**
 * CRM activity waiting for its owner (admins only): activity whose owner is not in the org chart yet is parked, not
 * counted, until the owner is registered. An admin sees who is missing, since when, and what waits for them.
 */
@Tag(name = ApiTags.OPERATIONS)
@RestController
@RequestMapping("/api/crm/parked")
@PreAuthorize("hasRole('ADMIN')")
public class ParkedController {

    private final ParkedActivity parked;
    private final InboundActivity inbound;

    public ParkedController(ParkedActivity parked, InboundActivity inbound) {
        this.parked = parked;
        this.inbound = inbound;
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** A parked record as the CRM sent it; {@code refusedNow} when it would not pass the inbound contract today. */
    public record WaitingRecord(String source, String id, String type, Instant time, String customerId, String recordId,
                                BigDecimal amount, String currency, Instant parkedAt, String refusedNow) {
    }

    @Operation(summary = "Owners whose CRM activity waits for them",
            description = "Who may call: admins only. Each CRM owner that is not in the org chart yet and has activity "
                + "parked: how many records, the first and the last parked. The longest waiting first. Registering the "
                + "employee releases their activity within seconds; it then counts on its own days. `size` from 1 to "
                + "100.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @GetMapping
    public Page<ParkedActivity.Waiting> owners(@RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "20") int size) {
        return pageOf(parked.waiting(), PageAsked.of(page, size, 100));
    }

    @Operation(summary = "The CRM activity waiting for one owner",
            description = "Who may call: admins only. The owner's parked records in the order they happened: source and "
                + "id (the sender's), type, time, customer, the record's id, amount. An owner with nothing parked has "
                + "an empty page. `size` from 1 to 100.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @GetMapping("/{ownerId}")
    public Page<WaitingRecord> records(@PathVariable String ownerId, @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "20") int size) {
        PageAsked asked = PageAsked.of(page, size, 100);
        List<WaitingRecord> all = parked.forOwner(ownerId).stream().map(this::described)
                .sorted(Comparator.comparing(WaitingRecord::time, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(WaitingRecord::parkedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return pageOf(all, asked);
    }

    private WaitingRecord described(ParkedActivity.Parked p) {
        Instant parkedAt = p.parkedAt() == null ? null : Instant.parse(p.parkedAt());
        try {
            CheckedActivity a = inbound.check(p.original());
            return new WaitingRecord(a.source(), a.id(), a.type(), a.time(), a.customerId(), a.recordId(), a.amount(),
                    a.currency(), parkedAt, null);
        } catch (InboundActivity.Rejected rejected) {
            return new WaitingRecord(null, null, null, null, null, null, null, null, parkedAt, rejected.getMessage());
        }
    }

    private static <T> Page<T> pageOf(List<T> all, PageAsked asked) {
        return new Page<>(asked.of(all), asked.page(), asked.size(), all.size());
    }
}
