package com.acme.goals.platform.web;

import com.acme.goals.platform.feed.ParkedRecords;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static com.acme.goals.contracts.problem.ProblemType.NOT_ALLOWED;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/**
 * The records a service's feeds parked until what they refer to is known (a hire's supervisor, a goal, an action),
 * for an admin paged by the GoalsParkedRecords alert. Each service that parks serves it under its own routes
 * ({@code goals.feed.parked-path}); the gauge {@code goals_feed_parked{group}} counts the same records.
 */
@Tag(name = ApiTags.OPERATIONS)
@RestController
@RequestMapping("${goals.feed.parked-path}")
@PreAuthorize("hasRole('ADMIN')")
public class ParkedRecordsController {

    private final ParkedRecords parked;

    public ParkedRecordsController(ParkedRecords parked) {
        this.parked = parked;
    }

    public record ParkedPage(List<ParkedRecords.Waiting> items, int page, int size, long total) {
    }

    @Operation(summary = "Records waiting for something not known yet",
            description = "Who may call: admins only. Every record this service's feeds parked, the longest waiting "
                + "first: the consumer group, what it waits for (e.g. `employee:E-077`), why, how often it was tried, "
                + "since when, where it came from (topic, partition, offset, key) and its type. Each is applied by "
                + "itself once what it waits for is known. `size` from 1 to 100.")
    @Refuses({RULE_BROKEN, NOT_ALLOWED})
    @GetMapping
    public ParkedPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageAsked asked = PageAsked.of(page, size, 100);
        return new ParkedPage(parked.page(asked.skip(), size), page, size, parked.count());
    }
}
