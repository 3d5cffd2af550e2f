package io.complaintsuite.intake.followup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.ComplaintLifecycle.Direction;
import io.complaintsuite.intake.action.Actor;
import io.complaintsuite.intake.action.ComplaintActions;
import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.intake.complaint.ComplaintAction;
import io.complaintsuite.intake.complaint.ComplaintStatus;
import io.complaintsuite.intake.idempotency.Claims;
import io.complaintsuite.intake.timeline.Timeline;
import io.complaintsuite.intake.timeline.TimelineEntry;
import io.complaintsuite.intake.timeline.TimelineEntryView;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Adds customers' follow-up messages exactly once, moving the complaint on where they should. */
@ApplicationScoped
public class FollowUps {
  /** A customer's further message, as the channel received it. */
  public record FollowUp(
      @NotBlank @Size(max = 20000) @Schema(example = "已经过去两个小时了，钱还没追回来，进展如何？") String text,
      @Size(max = 200)
          @Pattern(regexp = "[\\p{Graph}]+", message = "must be printable, without spaces")
          @Schema(description = "The channel's own id of this message; a retry with it is ignored")
          String externalMessageId,
      @Schema(
              description =
                  "On a resolved complaint: the customer says it is not solved; reopen it")
          Boolean reopen) {}

  /** The stored message and the complaint's status after it. */
  public record Posted(
      UUID complaintId,
      String complaintStatus,
      TimelineEntryView message,
      @JsonIgnore boolean created) {}

  /** How the channel names the complaint. */
  public record Locator(UUID id, Channel channel, String externalId) {
    public static Locator byId(UUID id) {
      return new Locator(id, null, null);
    }

    static Locator byExternalId(Channel channel, String externalId) {
      return new Locator(null, channel, externalId);
    }

    Uni<Complaint> find() {
      Uni<Complaint> found =
          id != null
              ? Complaint.findById(id)
              : Complaint.<Complaint>find("channel = ?1 and externalId = ?2", channel, externalId)
                  .firstResult();
      return found.map(
          c -> {
            if (c == null) {
              throw ProblemException.notFound(
                  id != null
                      ? "complaint " + id
                      : "complaint " + externalId + " of channel " + channel.json());
            }
            return c;
          });
    }
  }

  private final Claims claims;
  private final ComplaintActions actions;
  private final Timeline timeline;
  private final Clock clock;
  private final ObjectMapper json;

  public FollowUps(
      Claims claims, ComplaintActions actions, Timeline timeline, Clock clock, ObjectMapper json) {
    this.claims = claims;
    this.actions = actions;
    this.timeline = timeline;
    this.clock = clock;
    this.json = json;
  }

  public Uni<Posted> add(Locator locator, FollowUp body, String idempotencyKey, String client) {
    String hash = claims.fingerprint(body);
    UUID messageId = UUID.randomUUID();
    return Panache.<Posted>withTransaction(
            () ->
                locator
                    .find()
                    .chain(
                        c ->
                            claims
                                .claimAll(
                                    keys(c, body, idempotencyKey, client), c.id, messageId, hash)
                                .chain(() -> apply(c, messageId, body))))
        .onFailure(Claims.AlreadyDone.class)
        .recoverWithUni(
            e -> {
              Claims.AlreadyDone done = (Claims.AlreadyDone) e;
              return Panache.withSession(
                  () ->
                      Complaint.<Complaint>findById(done.complaintId)
                          .chain(
                              c ->
                                  TimelineEntry.<TimelineEntry>findById(done.resultId)
                                      .map(
                                          entry ->
                                              new Posted(
                                                  c.id,
                                                  c.status.json(),
                                                  TimelineEntryView.of(entry, json),
                                                  false))));
            });
  }

  private static List<Claims.Claim> keys(
      Complaint c, FollowUp body, String idempotencyKey, String client) {
    List<Claims.Claim> keys = new ArrayList<>(2);
    if (body.externalMessageId() != null) {
      keys.add(
          new Claims.Claim(
              "msg:" + c.id + ":" + body.externalMessageId(), false, "externalMessageId"));
    }
    if (idempotencyKey != null) {
      keys.add(new Claims.Claim("mkey:" + client + ":" + idempotencyKey, true, "Idempotency-Key"));
    }
    return keys;
  }

  private Uni<Posted> apply(Complaint c, UUID messageId, FollowUp body) {
    ComplaintAction.CUSTOMER_MESSAGE.check(c.status);
    OffsetDateTime now = Timestamps.now(clock);
    Uni<Void> moved = Uni.createFrom().voidItem();
    if (c.status == ComplaintStatus.WAITING_FOR_CUSTOMER) {
      c.status = ComplaintStatus.IN_PROGRESS;
      moved =
          timeline
              .append(
                  c.id,
                  Timeline.RESUMED,
                  Actor.CUSTOMER.id(),
                  Actor.CUSTOMER.role(),
                  now,
                  null,
                  null)
              .replaceWithVoid();
    } else if (c.status == ComplaintStatus.RESOLVED && Boolean.TRUE.equals(body.reopen())) {
      moved = actions.reopen(c, Actor.CUSTOMER, body.text(), now);
    }
    return moved
        .chain(
            () ->
                actions.message(
                    messageId, c, Direction.FROM_CUSTOMER, Actor.CUSTOMER, body.text(), now))
        .map(
            entry -> {
              c.updatedAt = now;
              return new Posted(c.id, c.status.json(), TimelineEntryView.of(entry, json), true);
            });
  }
}
