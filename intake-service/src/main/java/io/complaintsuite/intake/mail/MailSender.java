package io.complaintsuite.intake.mail;

import io.complaintsuite.intake.settings.IntakeSettings;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/**
 * Mail to customers over SMTP: a plain-text and an HTML part (UTF-8, so Chinese subjects and bodies
 * arrive intact), our own Message-ID, and In-Reply-To/References to the complaint's first mail so
 * the customer's client threads them. The number is in the subject, which is how a reply finds its
 * complaint again.
 */
@ApplicationScoped
public class MailSender {
  private final ReactiveMailer mailer;
  private final Template html;
  private final IntakeSettings settings;

  public MailSender(
      ReactiveMailer mailer,
      @Location("mail/message.html") Template html,
      IntakeSettings settings) {
    this.mailer = mailer;
    this.html = html;
    this.settings = settings;
  }

  /** Our Message-ID for a delivery: {@code <id@domain>}. */
  public String messageId(String deliveryId) {
    return "<" + deliveryId + "@" + settings.mail().messageIdDomain() + ">";
  }

  public Uni<Void> send(
      String to,
      String subject,
      String text,
      String link,
      String locale,
      String messageId,
      String threadRoot) {
    List<String> paragraphs = Arrays.stream(text.split("\n")).filter(p -> !p.isBlank()).toList();
    String body =
        html.data("lang", locale)
            .data("subject", subject)
            .data("paragraphs", paragraphs)
            .data("link", link)
            .render();
    Mail mail =
        Mail.withText(to, subject, link == null || text.contains(link) ? text : text + "\n" + link)
            .setHtml(body)
            .setFrom(settings.mail().from())
            .addHeader("Message-ID", messageId);
    if (threadRoot != null && !threadRoot.equals(messageId)) {
      mail.addHeader("In-Reply-To", threadRoot).addHeader("References", threadRoot);
    }
    return mailer.send(mail);
  }
}
