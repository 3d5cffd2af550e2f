package io.complaintsuite.intake.action;

import io.complaintsuite.contracts.ComplaintLifecycle;
import io.complaintsuite.contracts.ComplaintLifecycle.Direction;
import io.complaintsuite.contracts.ComplaintTransferRequested;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.intake.complaint.ComplaintAction;
import io.complaintsuite.intake.complaint.ComplaintStatus;
import io.complaintsuite.intake.timeline.Timeline;
import io.complaintsuite.intake.timeline.TimelineEntry;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Everything agents (and customers, through channels) do to a complaint after its receipt. Each
 * action runs in one transaction: it checks the caller's If-Match version and the state machine,
 * changes the complaint, appends to the timeline and writes its event to the outbox.
 */
@ApplicationScoped
public class ComplaintActions {
  private final Outbox outbox;
  private final Timeline timeline;
  private final Clock clock;

  public ComplaintActions(Outbox outbox, Timeline timeline, Clock clock) {
    this.outbox = outbox;
    this.timeline = timeline;
    this.clock = clock;
  }

  public Uni<Complaint> respond(UUID id, String ifMatch, Actor actor, ActionRequests.Respond body) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.RESPOND,
        (c, now) -> {
          Uni<?> said =
              body != null && body.message() != null && !body.message().isBlank()
                  ? message(c, Direction.TO_CUSTOMER, actor, body.message(), now)
                  : Uni.createFrom().voidItem();
          return said.chain(() -> firstResponse(c, actor, now));
        });
  }

  public Uni<Complaint> reply(UUID id, String ifMatch, Actor actor, ActionRequests.Reply body) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.REPLY,
        (c, now) ->
            message(c, Direction.TO_CUSTOMER, actor, body.text(), now)
                .chain(
                    () ->
                        c.status == ComplaintStatus.RECEIVED
                            ? firstResponse(c, actor, now)
                            : Uni.createFrom().voidItem()));
  }

  public Uni<Complaint> note(UUID id, String ifMatch, Actor actor, ActionRequests.Note body) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.NOTE,
        (c, now) -> message(c, Direction.INTERNAL, actor, body.text(), now).replaceWithVoid());
  }

  public Uni<Complaint> changePriority(
      UUID id, String ifMatch, Actor actor, ActionRequests.ChangePriority body) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.CHANGE_PRIORITY,
        (c, now) -> {
          if (c.priority == body.priority()) {
            throw ProblemException.badField(
                "priority", "is already " + body.priority().name().toLowerCase());
          }
          var from = c.priority;
          c.priority = body.priority();
          c.priorityGiven = true;
          return record(
              c,
              EventType.COMPLAINT_PRIORITY_CHANGED,
              new ComplaintLifecycle.PriorityChanged(
                  c.id, c.number, actor.id(), from, c.priority, body.reason(), now),
              Timeline.PRIORITY_CHANGED,
              actor.id(),
              actor.role(),
              now,
              body.reason(),
              Map.of("from", from.name().toLowerCase(), "to", c.priority.name().toLowerCase()));
        });
  }

  public Uni<Complaint> requestTransfer(
      UUID id, String ifMatch, Actor actor, ActionRequests.RequestTransfer body) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.REQUEST_TRANSFER,
        (c, now) -> {
          c.transferRequests++;
          Map<String, Object> details = new HashMap<>();
          details.put("suggestedDepartment", body.suggestedDepartment());
          details.put("fromDepartment", c.department);
          return record(
              c,
              EventType.COMPLAINT_TRANSFER_REQUESTED,
              new ComplaintTransferRequested(
                  c.id,
                  c.number,
                  actor.id(),
                  body.reason(),
                  body.suggestedDepartment(),
                  c.department,
                  c.agent,
                  now),
              Timeline.TRANSFER_REQUESTED,
              actor.id(),
              actor.role(),
              now,
              body.reason(),
              details);
        });
  }

  /**
   * The agent or a supervisor corrects the problem type. The work order shows the new type at once;
   * routing stores the corrected label for retraining. The complaint stays where it is: to move it,
   * request a transfer.
   */
  public Uni<Complaint> reclassify(
      UUID id, String ifMatch, Actor actor, ActionRequests.Reclassify body) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.RECLASSIFY,
        (c, now) -> {
          if (body.problemType().equals(c.problemType)) {
            throw ProblemException.badField("problemType", "is already " + c.problemType);
          }
          String from = c.problemType;
          c.problemType = body.problemType();
          return record(
              c,
              EventType.COMPLAINT_RECLASSIFIED,
              new ComplaintLifecycle.Reclassified(
                  c.id, c.number, actor.id(), c.problemType, body.reason(), now),
              Timeline.RECLASSIFIED,
              actor.id(),
              actor.role(),
              now,
              body.reason(),
              Map.of("from", from == null ? "unclassified" : from, "to", c.problemType));
        });
  }

  public Uni<Complaint> waitForCustomer(
      UUID id, String ifMatch, Actor actor, ActionRequests.WaitForCustomer body) {
    String reason = body == null ? null : body.reason();
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.WAIT_FOR_CUSTOMER,
        (c, now) -> {
          c.status = ComplaintStatus.WAITING_FOR_CUSTOMER;
          return record(
              c,
              EventType.COMPLAINT_WAITING_FOR_CUSTOMER,
              new ComplaintLifecycle.WaitingForCustomer(c.id, c.number, actor.id(), reason, now),
              Timeline.WAITING_FOR_CUSTOMER,
              actor.id(),
              actor.role(),
              now,
              reason,
              null);
        });
  }

  public Uni<Complaint> resolve(UUID id, String ifMatch, Actor actor, ActionRequests.Resolve body) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.RESOLVE,
        (c, now) -> {
          c.status = ComplaintStatus.RESOLVED;
          c.resolvedAt = now;
          c.resolutionSummary = body.summary();
          c.rootCause = body.rootCause();
          ComplaintLifecycle.Compensation compensation = null;
          if (body.compensation() != null) {
            var given = body.compensation();
            c.compensationType = given.type();
            c.compensationAmount = given.amount();
            c.compensationCurrency =
                given.amount() != null && given.currency() == null ? "CNY" : given.currency();
            c.compensationNote = given.note();
            compensation =
                new ComplaintLifecycle.Compensation(
                    c.compensationType,
                    c.compensationAmount,
                    c.compensationCurrency,
                    c.compensationNote);
          } else {
            c.compensationType = null;
            c.compensationAmount = null;
            c.compensationCurrency = null;
            c.compensationNote = null;
          }
          Map<String, Object> details = new HashMap<>();
          details.put("rootCause", c.rootCause);
          if (compensation != null) {
            details.put("compensation", compensation);
          }
          ComplaintLifecycle.Resolved event =
              new ComplaintLifecycle.Resolved(
                  c.id,
                  c.number,
                  actor.id(),
                  c.resolutionSummary,
                  c.rootCause,
                  compensation,
                  c.channel,
                  c.problemType,
                  c.priority,
                  c.department,
                  c.agent,
                  new ComplaintLifecycle.Contact(
                      c.customerId, c.customerName, c.customerPhone, c.customerEmail),
                  c.reopenCount,
                  c.receivedAt,
                  now);
          return record(
              c,
              EventType.COMPLAINT_RESOLVED,
              event,
              Timeline.RESOLVED,
              actor.id(),
              actor.role(),
              now,
              c.resolutionSummary,
              details);
        });
  }

  public Uni<Complaint> reopen(UUID id, String ifMatch, Actor actor, ActionRequests.Reopen body) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.REOPEN,
        (c, now) -> reopen(c, actor, body.reason(), now));
  }

  /** Reopens a resolved complaint (by an agent, or by the customer's follow-up). */
  public Uni<Void> reopen(Complaint c, Actor actor, String reason, OffsetDateTime now) {
    c.status = ComplaintStatus.IN_PROGRESS;
    c.reopenCount++;
    c.resolvedAt = null;
    return record(
        c,
        EventType.COMPLAINT_REOPENED,
        new ComplaintLifecycle.Reopened(c.id, c.number, actor.id(), reason, c.reopenCount, now),
        Timeline.REOPENED,
        actor.id(),
        actor.role(),
        now,
        reason,
        Map.of("reopenCount", c.reopenCount));
  }

  public Uni<Complaint> close(UUID id, String ifMatch, Actor actor) {
    return act(
        id,
        ifMatch,
        actor,
        ComplaintAction.CLOSE,
        (c, now) -> {
          c.status = ComplaintStatus.CLOSED;
          c.closedAt = now;
          return record(
              c,
              EventType.COMPLAINT_CLOSED,
              new ComplaintLifecycle.Closed(c.id, c.number, actor.id(), now),
              Timeline.CLOSED,
              actor.id(),
              actor.role(),
              now,
              null,
              null);
        });
  }

  /** A message on the complaint: timeline entry and {@code complaint.message-added}. */
  public Uni<TimelineEntry> message(
      Complaint c, Direction direction, Actor actor, String text, OffsetDateTime now) {
    return message(UUID.randomUUID(), c, direction, actor, text, now);
  }

  public Uni<TimelineEntry> message(
      UUID messageId,
      Complaint c,
      Direction direction,
      Actor actor,
      String text,
      OffsetDateTime now) {
    String kind =
        switch (direction) {
          case FROM_CUSTOMER -> Timeline.MESSAGE_FROM_CUSTOMER;
          case TO_CUSTOMER -> Timeline.REPLY_TO_CUSTOMER;
          case INTERNAL -> Timeline.INTERNAL_NOTE;
        };
    return timeline
        .append(messageId, c.id, kind, actor.id(), actor.role(), now, text, null)
        .call(
            entry ->
                publish(
                    EventType.COMPLAINT_MESSAGE_ADDED,
                    c,
                    new ComplaintLifecycle.MessageAdded(
                        c.id,
                        c.number,
                        messageId,
                        direction,
                        direction == Direction.FROM_CUSTOMER ? c.channel : null,
                        actor.id(),
                        text,
                        c.status.json(),
                        now)));
  }

  private Uni<Void> firstResponse(Complaint c, Actor actor, OffsetDateTime now) {
    c.status = ComplaintStatus.IN_PROGRESS;
    c.respondedAt = now;
    return record(
        c,
        EventType.COMPLAINT_RESPONDED,
        new ComplaintLifecycle.Responded(c.id, c.number, actor.id(), c.priority, now),
        Timeline.RESPONDED,
        actor.id(),
        actor.role(),
        now,
        null,
        null);
  }

  /** A timeline entry and its event: what every state change of a complaint writes. */
  private Uni<Void> record(
      Complaint c,
      EventType type,
      Object event,
      String kind,
      String actor,
      String actorRole,
      OffsetDateTime at,
      String text,
      Map<String, ?> details) {
    return timeline
        .append(c.id, kind, actor, actorRole, at, text, details)
        .chain(() -> publish(type, c, event));
  }

  Uni<Void> publish(EventType type, Complaint c, Object data) {
    return outbox.append(type, c.id.toString(), c.id.toString(), data).replaceWithVoid();
  }

  /**
   * Loads the complaint, checks who acts ({@link WorkOrderAccess}: 403 before anything about the
   * complaint's version or state is told to someone who may not act on it), then If-Match (412) and
   * the state machine (409), applies {@code change}, and flushes so the answer carries the new
   * version (a concurrent writer, a reassignment included, makes the flush fail: 409).
   */
  public Uni<Complaint> act(
      UUID id,
      String ifMatch,
      Actor actor,
      ComplaintAction action,
      BiFunction<Complaint, OffsetDateTime, Uni<?>> change) {
    return Panache.withTransaction(
        () ->
            Complaint.<Complaint>findById(id)
                .chain(
                    c -> {
                      if (c == null) {
                        throw ProblemException.notFound("complaint " + id);
                      }
                      WorkOrderAccess.check(c, actor);
                      Preconditions.checkIfMatch(ifMatch, c.version);
                      action.check(c.status);
                      OffsetDateTime now = Timestamps.now(clock);
                      return change
                          .apply(c, now)
                          .chain(
                              () -> {
                                c.updatedAt = now;
                                return Panache.flush();
                              })
                          .replaceWith(c);
                    }));
  }
}
