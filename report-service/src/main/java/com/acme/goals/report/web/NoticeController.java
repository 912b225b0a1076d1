package com.acme.goals.report.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import com.acme.goals.platform.web.ApiTags;
import com.acme.goals.platform.web.PageAsked;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.goals.platform.web.Refuses;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.report.readmodel.NoticeBoard;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

import static com.acme.goals.contracts.problem.ProblemType.NOT_FOUND;
import static com.acme.goals.contracts.problem.ProblemType.RULE_BROKEN;

/** The caller's own notices, newest first; nobody reads or marks another's (someone else's id answers 404). */
@Tag(name = ApiTags.REPORTS)
@RestController
@RequestMapping("/api/notices")
public class NoticeController {

    private final NoticeBoard board;
    private final Clock clock;

    public NoticeController(NoticeBoard board, Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    @Operation(summary = "The caller's notices",
            description = "Who may call: anyone signed in, for their own notices only. Reminders of reports falling due, "
                + "missing reports escalated to the caller, and goals' milestones, newest first, with the unread "
                + "count; `unread=true` for the unread ones only; `size` from 1 to 100.")
    @Refuses({RULE_BROKEN})
    @GetMapping
    public NoticeBoard.Page mine(@RequestParam(defaultValue = "false") boolean unread,
                                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageAsked.of(page, size, 100);
        return board.of(Actor.current().id(), unread, page, size);
    }

    @Operation(summary = "Mark a notice read",
            description = "Who may call: the notice's recipient. Anyone else's notice answers 404, as if it did not exist.")
    @Refuses({NOT_FOUND})
    @PostMapping("/{noticeId}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> read(@PathVariable String noticeId) {
        String me = Actor.current().id();
        board.find(noticeId).filter(n -> n.recipientId().equals(me))
                .orElseThrow(() -> new NotFound("you have no notice " + noticeId));
        board.markRead(noticeId, clock.instant());
        return ResponseEntity.noContent().build();
    }
}
