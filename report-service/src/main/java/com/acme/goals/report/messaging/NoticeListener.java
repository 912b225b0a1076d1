package com.acme.goals.report.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.report.MissingEscalated;
import com.acme.goals.contracts.report.ReminderDue;
import com.acme.goals.contracts.scoring.MilestoneReached;
import com.acme.goals.platform.feed.EventFeed;
import com.acme.goals.report.readmodel.NoticeBoard;
import com.acme.goals.team.org.OrgChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the published notice events into in-app notices (and, through the mail outbox, e-mails): the same events any
 * other system (WeCom, DingTalk) may deliver from the topics. Nobody who has left gets one.
 */
@Component
public class NoticeListener extends EventFeed {

    private static final Logger log = LoggerFactory.getLogger(NoticeListener.class);

    public NoticeListener(NoticeBoard board, OrgChart orgChart) {
        super("notices", Topics.REPORT_EVENTS, Topics.SCORING_EVENTS);
        on(ReminderDue.class, (e, envelope) -> deliver(board, orgChart, new NoticeBoard.Notice(
                "reminder:" + e.slotId(), e.ownerId(), "REMINDER", "Report due soon: " + e.templateId() + " " + e.periodKey(),
                "Your " + e.templateId() + " report for " + e.periodKey() + " is due at " + e.dueAt() + " and is not submitted yet.",
                e.ownerId(), e.periodKey(), "#/week", e.remindedAt().toString(), null, null)));
        on(MissingEscalated.class, (e, envelope) -> {
            if (e.notifiedId() != null) {
                deliver(board, orgChart, new NoticeBoard.Notice("missing:" + e.slotId() + ":" + e.level(), e.notifiedId(),
                        "MISSING_ESCALATED", "Missing report: " + e.ownerId() + " " + e.templateId() + " " + e.periodKey(),
                        e.ownerId() + "'s " + e.templateId() + " report for " + e.periodKey() + " was due at " + e.dueAt()
                                + " and is still missing" + (e.level() == 2 ? " (escalated past their supervisor)." : "."),
                        e.ownerId(), e.periodKey(), "#/board/" + e.ownerId(), e.escalatedAt().toString(), null, null));
            }
        });
        on(MilestoneReached.class, (e, envelope) -> {
            for (String recipient : e.notifiedIds()) {
                deliver(board, orgChart, new NoticeBoard.Notice("milestone:" + e.goalId() + ":" + e.metric() + ":" + e.percent()
                        + ":" + recipient, recipient, "MILESTONE", e.ownerId() + " passed " + e.percent() + "% of " + e.metric(),
                        "Goal " + e.goalId() + " (" + e.periodKey() + "): " + e.metric() + " " + e.actual().toPlainString() + " of "
                                + e.target().toPlainString() + " " + e.unit() + ".",
                        e.ownerId(), e.periodKey(), "#/goals/" + e.goalId(), e.reachedAt().toString(), null, null));
            }
        });
    }

    private static void deliver(NoticeBoard board, OrgChart orgChart, NoticeBoard.Notice notice) {
        if (orgChart.leftAt(notice.recipientId()).isPresent()) {
            log.info("notice {} not delivered: {} has left", notice.id(), notice.recipientId());
            return;
        }
        if (board.add(notice)) {
            log.info("notice {} for {}", notice.id(), notice.recipientId());
        }
    }
}
