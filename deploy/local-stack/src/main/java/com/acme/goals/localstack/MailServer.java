package com.acme.goals.localstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) for the embedded stack: report-service mails notices to it; they can be read back over
 * IMAP (user and password = the address, e.g. {@code e-042@sales.example}) or, in tests, from {@link #received}.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail mail;

    private MailServer(GreenMail mail) {
        this.mail = mail;
    }

    public static MailServer start(int smtpPort, int imapPort) {
        GreenMail mail = new GreenMail(new ServerSetup[]{
                new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "localhost", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        return new MailServer(mail);
    }

    public int smtpPort() {
        return mail.getSmtp().getPort();
    }

    public int imapPort() {
        return mail.getImap().getPort();
    }

    /** Every message received so far to {@code address}, oldest first. */
    public List<MimeMessage> received(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Override
    public void close() {
        mail.stop();
    }
}
