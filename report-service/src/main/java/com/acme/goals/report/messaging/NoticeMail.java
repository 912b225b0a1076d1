package com.acme.goals.report.messaging;

import com.acme.goals.report.readmodel.NoticeBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Locale;

/**
 * The mail outbox: sends each notice not mailed yet to {@code <recipient id>@<goals.notices.mail-domain>} over SMTP
 * ({@code spring.mail.host}), then marks it mailed. A failed send is retried on the next run; a crash between sending
 * and marking sends that one notice again (at least once). Off when no SMTP host is configured.
 */
@Component
public class NoticeMail {

    private static final Logger log = LoggerFactory.getLogger(NoticeMail.class);
    private final NoticeBoard board;
    private final ObjectProvider<JavaMailSender> mail;
    private final String domain;
    private final String from;
    private final String consoleUrl;
    private final Clock clock;

    private final com.acme.goals.platform.replicas.Leases leases;

    public NoticeMail(NoticeBoard board, ObjectProvider<JavaMailSender> mail, Clock clock, com.acme.goals.platform.replicas.Leases leases,
                      @Value("${goals.notices.mail-domain:sales.example}") String domain,
                      @Value("${goals.notices.mail-from:goals@sales.example}") String from,
                      @Value("${goals.notices.console-url:http://localhost:8080/}") String consoleUrl) {
        this.consoleUrl = consoleUrl.endsWith("/") ? consoleUrl : consoleUrl + "/";
        this.leases = leases;
        this.board = board;
        this.mail = mail;
        this.clock = clock;
        this.domain = domain;
        this.from = from;
    }

    @Scheduled(fixedDelayString = "${goals.notices.mail-interval:PT5S}", initialDelayString = "${goals.notices.mail-interval:PT5S}")
    public void send() {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || !leases.hold("notice-mail", java.time.Duration.ofSeconds(30))) {
            return; // one replica mails: two would send each notice twice
        }
        for (NoticeBoard.Notice notice : board.unmailed(100)) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(addressOf(notice.recipientId()));
            message.setSubject(notice.title());
            message.setText(notice.text() + "\n\n" + consoleUrl + notice.link()); // the console page it is about
            try {
                sender.send(message);
            } catch (MailException e) {
                log.warn("notice {} not mailed yet ({}); retrying on the next run", notice.id(), e.getMessage());
                return;
            }
            board.markMailed(notice.id(), clock.instant());
        }
    }

    String addressOf(String employeeId) {
        return employeeId.toLowerCase(Locale.ROOT) + "@" + domain;
    }
}
