package io.complaintsuite.intake.mail;

import io.complaintsuite.intake.followup.FollowUpResource;
import io.complaintsuite.intake.followup.FollowUps;
import io.complaintsuite.intake.idempotency.Claims;
import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What the e-mail gateway posts back: a customer's reply (it becomes a follow-up on the complaint
 * whose number is in the subject, or whose mail it answers) and bounces (the address is not mailed
 * again; the bounced message goes by SMS where the customer gave a phone).
 */
// Not under /api/v1/channels/{channel}/...: a literal "email" there would capture the channels'
// own follow-up paths (/api/v1/channels/email/complaints/{externalId}/messages).
@Path("/api/v1/email-gateway")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("channel")
public class EmailGatewayResource {
  private final FollowUps followUps;
  private final Pool pool;
  private final Clock clock;
  private final SecurityIdentity identity;
  private final UndeliverableAddresses undeliverable;
  private final Pattern number;

  public EmailGatewayResource(
      FollowUps followUps,
      Pool pool,
      Clock clock,
      SecurityIdentity identity,
      UndeliverableAddresses undeliverable,
      IntakeSettings settings) {
    this.followUps = followUps;
    this.pool = pool;
    this.clock = clock;
    this.identity = identity;
    this.undeliverable = undeliverable;
    this.number = Pattern.compile(Pattern.quote(settings.numberPrefix()) + "\\d{8}-\\d{6,}");
  }

  /** A mail the customer sent, as the gateway parsed it. */
  public record InboundMail(
      String from, String subject, String text, String messageId, String inReplyTo) {}

  /** A bounce: the address that failed, why, and the Message-ID of the mail that bounced. */
  public record Bounce(String address, String reason, String messageId) {}

  @POST
  @Path("replies")
  @Operation(summary = "A customer's e-mail reply: a follow-up on the complaint it names")
  public Uni<RestResponse<FollowUps.Posted>> reply(
      @RestHeader("Idempotency-Key") String idempotencyKey, InboundMail mail) {
    if (mail == null) {
      throw ProblemException.badField("body", "is required");
    }
    if (mail.from() == null || !mail.from().contains("@")) {
      throw ProblemException.badField("from", "must be the sender's address");
    }
    String text = withoutQuote(mail.text());
    if (text.isBlank()) {
      throw ProblemException.badField("text", "has nothing but quoted text");
    }
    String key = Claims.checkedKey(idempotencyKey);
    return complaintOf(mail)
        .chain(
            found -> {
              if (found == null) {
                throw new ProblemException(
                    422,
                    "Unprocessable",
                    "no complaint number in the subject and no mail of ours in In-Reply-To");
              }
              String sender = UndeliverableAddresses.normal(address(mail.from()));
              if (found.email() == null
                  || !UndeliverableAddresses.normal(found.email()).equals(sender)) {
                throw new ProblemException(
                    422, "Unprocessable", "the sender is not the customer of " + found.number());
              }
              return FollowUpResource.answer(
                  followUps.add(
                      FollowUps.Locator.byId(found.id()),
                      new FollowUps.FollowUp(text, externalId(mail.messageId()), null),
                      key,
                      identity.getPrincipal().getName()));
            });
  }

  @POST
  @Path("bounces")
  @Operation(summary = "An address bounced: stop mailing it; the bounced message goes by SMS")
  public Uni<RestResponse<Void>> bounce(Bounce bounce) {
    if (bounce == null || bounce.address() == null || !bounce.address().contains("@")) {
      throw ProblemException.badField("address", "must be the address that bounced");
    }
    String reason = bounce.reason() == null ? "bounced" : truncate(bounce.reason(), 500);
    var now = Timestamps.now(clock);
    return pool.withTransaction(
            conn ->
                undeliverable
                    .mark(conn, bounce.address(), reason, now)
                    .chain(() -> fallback(conn, bounce, now)))
        .map(v -> RestResponse.accepted());
  }

  /**
   * The bounced mail (by its Message-ID) is queued again for every SMS connection that wants its
   * kind, when the complaint has a phone: same facts, the phone added, a new delivery id.
   */
  private Uni<Void> fallback(
      io.vertx.mutiny.sqlclient.SqlConnection conn, Bounce bounce, java.time.OffsetDateTime now) {
    if (bounce.messageId() == null) {
      return Uni.createFrom().voidItem();
    }
    return conn.preparedQuery(
            "insert into delivery (id, transport, endpoint_id, order_key, complaint_id, kind,"
                + " source_event, facts, status, next_attempt_at, created_at, retry_from) select"
                + " gen_random_uuid(), 'webhook', e.id, 'endpoint:' || e.id || '|' ||"
                + " d.complaint_id || case when d.kind in ('survey-invitation',"
                + " 'incident-update') then '|notices' else '' end, d.complaint_id, d.kind, d.source_event, jsonb_set(d.facts::jsonb"
                + " - 'email', '{phone}', to_jsonb(c.customer_phone))::text, 'pending', $2, $2, $2"
                + " from delivery d join complaint c on c.id = d.complaint_id join channel_endpoint e"
                + " on e.channel = 'sms' and e.deleted_at is null and d.kind = any(e.kinds) where"
                + " d.message_id = $1 and d.transport = 'email' and c.customer_phone is not null"
                + " on conflict (source_event, transport, order_key) do nothing")
        .execute(Tuple.of(bounce.messageId().strip(), now))
        .replaceWithVoid();
  }

  private record Found(UUID id, String number, String email) {}

  private Uni<Found> complaintOf(InboundMail mail) {
    Matcher m = number.matcher(mail.subject() == null ? "" : mail.subject());
    Uni<Found> bySubject =
        m.find()
            ? pool.preparedQuery(
                    "select id, number, customer_email from complaint where number = $1")
                .execute(Tuple.of(m.group()))
                .map(rows -> rows.rowCount() == 0 ? null : found(rows.iterator().next()))
            : Uni.createFrom().nullItem();
    return bySubject.chain(found -> found != null ? Uni.createFrom().item(found) : byThread(mail));
  }

  /** The complaint whose mail of ours this one answers (In-Reply-To). */
  private Uni<Found> byThread(InboundMail mail) {
    if (mail.inReplyTo() == null) {
      return Uni.createFrom().nullItem();
    }
    return pool.preparedQuery(
            "select c.id, c.number, c.customer_email from delivery d join complaint c on c.id ="
                + " d.complaint_id where d.message_id = $1")
        .execute(Tuple.of(mail.inReplyTo().strip()))
        .map(rows -> rows.rowCount() == 0 ? null : found(rows.iterator().next()));
  }

  private static Found found(io.vertx.mutiny.sqlclient.Row r) {
    return new Found(r.getUUID("id"), r.getString("number"), r.getString("customer_email"));
  }

  /**
   * The customer's own words: quoted lines ({@code >}) and everything from a quote header on go.
   */
  static String withoutQuote(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\r?\n")) {
      String t = line.strip();
      if (t.startsWith("-----Original Message-----")
          || t.startsWith("------------------ 原始邮件")
          || (t.startsWith("在") && t.endsWith("写道："))
          || (t.startsWith("On ") && t.endsWith("wrote:"))) {
        break;
      }
      if (!t.startsWith(">")) {
        out.append(line).append('\n');
      }
    }
    return out.toString().strip();
  }

  /** {@code 张三 <zhang@example.cn>} → {@code zhang@example.cn}. */
  static String address(String from) {
    int lt = from.lastIndexOf('<');
    int gt = from.lastIndexOf('>');
    return lt >= 0 && gt > lt ? from.substring(lt + 1, gt) : from;
  }

  private static String externalId(String messageId) {
    if (messageId == null) {
      return null;
    }
    String id =
        messageId
            .strip()
            .chars()
            .filter(ch -> ch > 0x20 && ch < 0x7f)
            .mapToObj(ch -> String.valueOf((char) ch))
            .collect(Collectors.joining());
    return id.isEmpty() ? null : truncate(id, 200);
  }

  private static String truncate(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
