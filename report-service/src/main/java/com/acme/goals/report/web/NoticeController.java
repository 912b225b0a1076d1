package com.acme.goals.report.web;

import com.acme.goals.platform.errors.DomainRuleBroken;
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

/** The caller's own notices, newest first; nobody reads or marks another's (someone else's id answers 404). */
@RestController
@RequestMapping("/api/notices")
public class NoticeController {

    private final NoticeBoard board;
    private final Clock clock;

    public NoticeController(NoticeBoard board, Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    @GetMapping
    public NoticeBoard.Page mine(@RequestParam(defaultValue = "false") boolean unread,
                                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new DomainRuleBroken("page", "0 or more");
        }
        if (size < 1 || size > 100) {
            throw new DomainRuleBroken("size", "from 1 to 100");
        }
        return board.of(Actor.current().id(), unread, page, size);
    }

    @PostMapping("/{noticeId}/read")
    public ResponseEntity<Void> read(@PathVariable String noticeId) {
        String me = Actor.current().id();
        board.find(noticeId).filter(n -> n.recipientId().equals(me))
                .orElseThrow(() -> new NotFound("you have no notice " + noticeId));
        board.markRead(noticeId, clock.instant());
        return ResponseEntity.noContent().build();
    }
}
