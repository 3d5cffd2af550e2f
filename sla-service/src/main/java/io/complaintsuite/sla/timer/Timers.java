package io.complaintsuite.sla.timer;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.sla.calendar.Calendars;
import io.complaintsuite.sla.kpi.TrackedComplaint;
import io.complaintsuite.sla.policy.SlaPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Applies the complaint lifecycle to the timers: received starts both; responded meets the response
 * timer; waiting pauses the resolution timer and a customer message resumes it; resolved and closed
 * stop; reopened restarts the resolution timer on the policy version it started with.
 */
@ApplicationScoped
public class Timers {
  private static final Logger LOG = Logger.getLogger(Timers.class);

  private final Calendars calendars;
  private final AlertLadder ladder;
  private final Clock clock;
  private final Assignments assignments;

  public Timers(Calendars calendars, AlertLadder ladder, Clock clock, Assignments assignments) {
    this.calendars = calendars;
    this.ladder = ladder;
    this.clock = clock;
    this.assignments = assignments;
  }

  /** What each complaint lifecycle event does to the complaint's timers and facts. */
  private final Map<String, BiFunction<InboundEvent, UUID, Uni<Void>>> handlers =
      Map.of(
          EventType.COMPLAINT_RECEIVED.name(), this::received,
          EventType.COMPLAINT_RESPONDED.name(), this::responded,
          EventType.COMPLAINT_WAITING_FOR_CUSTOMER.name(), this::waitingForCustomer,
          EventType.COMPLAINT_MESSAGE_ADDED.name(), this::messageAdded,
          EventType.COMPLAINT_PRIORITY_CHANGED.name(), this::priorityChanged,
          EventType.COMPLAINT_RESOLVED.name(), this::resolved,
          EventType.COMPLAINT_CLOSED.name(), this::closed,
          EventType.COMPLAINT_REOPENED.name(), this::reopened);

  /** The lifecycle event types {@link #apply} handles. */
  public Set<String> handledTypes() {
    return handlers.keySet();
  }

  public Uni<Void> apply(InboundEvent event) {
    UUID complaintId = EventFields.uuid(event.data(), "complaintId");
    BiFunction<InboundEvent, UUID, Uni<Void>> handler = handlers.get(event.type());
    return handler == null ? Uni.createFrom().voidItem() : handler.apply(event, complaintId);
  }

  private Uni<Void> responded(InboundEvent event, UUID complaintId) {
    return onTimers(
        complaintId,
        event,
        "occurredAt",
        (t, at) -> {
          if (t.kind == TimerKind.RESPONSE && isOpen(t)) {
            TimerMath.finish(t, TimerState.MET, at);
          }
        },
        c -> c.respondedAt = c.respondedAt != null ? c.respondedAt : now(event, "occurredAt"));
  }

  private Uni<Void> waitingForCustomer(InboundEvent event, UUID complaintId) {
    return onTimers(
        complaintId,
        event,
        "occurredAt",
        (t, at) -> {
          if (t.kind == TimerKind.RESOLUTION) {
            TimerMath.pause(t, at, calendars.get(t.calendar));
          }
        },
        c -> {});
  }

  private Uni<Void> resolved(InboundEvent event, UUID complaintId) {
    return onTimers(
        complaintId,
        event,
        "occurredAt",
        (t, at) -> {
          if (isOpen(t)) {
            TimerMath.finish(
                t, t.kind == TimerKind.RESOLUTION ? TimerState.MET : TimerState.STOPPED, at);
          }
        },
        c -> c.resolvedAt = now(event, "occurredAt"));
  }

  private Uni<Void> closed(InboundEvent event, UUID complaintId) {
    return onTimers(
        complaintId,
        event,
        "occurredAt",
        (t, at) -> {
          if (isOpen(t)) {
            TimerMath.finish(t, TimerState.STOPPED, at);
          }
        },
        c -> c.closedAt = now(event, "occurredAt"));
  }

  private Uni<Void> reopened(InboundEvent event, UUID complaintId) {
    return onTimers(
        complaintId,
        event,
        "occurredAt",
        (t, at) -> {
          if (t.kind == TimerKind.RESOLUTION) {
            t.cycle++;
            TimerMath.start(t, at, calendars.get(t.calendar), ladder);
          }
        },
        c -> {
          c.reopenCount++;
          c.resolvedAt = null;
          c.closedAt = null;
        });
  }

  private static boolean isOpen(SlaTimer t) {
    return t.state == TimerState.RUNNING || t.state == TimerState.PAUSED;
  }

  private java.time.OffsetDateTime now(InboundEvent event, String field) {
    return TimerMath.utc(EventFields.time(event, field, clock));
  }

  /**
   * The grade changed: open timers move to the current policy of the new grade (its target and
   * calendar), keeping the working time already elapsed, unless the new deadline would be later
   * than the one already promised (a lowered priority): then target, calendar, policy and deadline
   * stay and only the priority changes. Met and stopped timers stay as they are.
   */
  private Uni<Void> priorityChanged(InboundEvent event, UUID complaintId) {
    String to = EventFields.priority(event.data(), "to", true);
    return SlaPolicy.current(to)
        .chain(
            policy -> {
              if (policy == null) {
                throw new PoisonEventException("no SLA policy for " + to);
              }
              return onTimers(
                  complaintId,
                  event,
                  "occurredAt",
                  (t, at) -> {
                    if (!isOpen(t) || to.equals(t.priority)) {
                      return;
                    }
                    boolean response = t.kind == TimerKind.RESPONSE;
                    String calendar =
                        response ? policy.responseCalendar : policy.resolutionCalendar;
                    boolean retargeted =
                        TimerMath.regrade(
                            t,
                            at,
                            calendars.get(t.calendar),
                            calendars.get(calendar),
                            calendar,
                            response ? policy.responseMinutes : policy.resolutionMinutes,
                            ladder);
                    // The effective priority; the policy stays the one whose deadline is kept.
                    t.priority = to;
                    if (retargeted) {
                      t.policyId = policy.id;
                      t.policyVersion = policy.version;
                    }
                  },
                  c -> c.priority = to);
            });
  }

  /** A message from the customer on a waiting complaint resumes the resolution timer. */
  private Uni<Void> messageAdded(InboundEvent event, UUID complaintId) {
    String direction = EventFields.text(event.data(), "direction", false);
    if (!"from-customer".equals(direction)) {
      return Uni.createFrom().voidItem();
    }
    String status = EventFields.text(event.data(), "status", false);
    if ("waiting-for-customer".equals(status)) {
      return Uni.createFrom().voidItem();
    }
    return onTimers(
        complaintId,
        event,
        "occurredAt",
        (t, at) -> {
          if (t.kind == TimerKind.RESOLUTION && t.state == TimerState.PAUSED) {
            TimerMath.resume(t, at, calendars.get(t.calendar), ladder);
          }
        },
        c -> {});
  }

  interface TimerChange {
    void apply(SlaTimer timer, Instant at);
  }

  private Uni<Void> onTimers(
      UUID complaintId,
      InboundEvent event,
      String timeField,
      TimerChange change,
      Consumer<TrackedComplaint> complaintChange) {
    Instant at = EventFields.time(event, timeField, clock);
    return ComplaintLocks.lockComplaint(complaintId)
        .chain(() -> ComplaintLocks.lockedTimers(complaintId))
        .chain(
            timers -> {
              if (timers.isEmpty()) {
                // The complaint predates this service or its received event was lost.
                LOG.debugf("%s for untracked complaint %s ignored", event.type(), complaintId);
                return Uni.createFrom().voidItem();
              }
              for (SlaTimer t : timers) {
                change.apply(t, at);
                t.updatedAt = Timestamps.now(clock);
              }
              return TrackedComplaint.<TrackedComplaint>findById(complaintId)
                  .invoke(
                      c -> {
                        if (c != null) {
                          complaintChange.accept(c);
                          c.updatedAt = Timestamps.now(clock);
                        }
                      })
                  .replaceWithVoid();
            });
  }

  private Uni<Void> received(InboundEvent event, UUID complaintId) {
    JsonNode data = event.data();
    String priority = EventFields.priority(data, "priority", true);
    Instant receivedAt = EventFields.time(event, "receivedAt", clock);
    return ComplaintLocks.lockComplaint(complaintId)
        .chain(() -> SlaTimer.count("complaintId = ?1", complaintId))
        .chain(
            existing -> {
              if (existing > 0) {
                return Uni.createFrom().voidItem(); // a second received for the same complaint
              }
              return SlaPolicy.current(priority)
                  .chain(
                      policy -> {
                        if (policy == null) {
                          throw new PoisonEventException("no SLA policy for " + priority);
                        }
                        TrackedComplaint c = new TrackedComplaint();
                        c.complaintId = complaintId;
                        c.number = EventFields.text(data, "number", false);
                        c.priority = priority;
                        c.channel = EventFields.text(data, "channel", false);
                        c.problemType = EventFields.text(data, "problemType", false);
                        c.receivedAt = TimerMath.utc(receivedAt);
                        c.expectedResolutionAt = expectedResolutionAt(event);
                        c.updatedAt = Timestamps.now(clock);
                        SlaTimer response =
                            timer(
                                c,
                                TimerKind.RESPONSE,
                                policy,
                                policy.responseMinutes,
                                policy.responseCalendar,
                                receivedAt);
                        SlaTimer resolution =
                            timer(
                                c,
                                TimerKind.RESOLUTION,
                                policy,
                                policy.resolutionMinutes,
                                policy.resolutionCalendar,
                                receivedAt);
                        return c.persist()
                            .chain(() -> SlaTimer.persist(List.of(response, resolution)))
                            .chain(() -> Assignment.<Assignment>findById(complaintId))
                            .chain(
                                a ->
                                    a == null
                                        ? Uni.createFrom().voidItem()
                                        : assignments.applyAssignment(complaintId, a));
                      });
            });
  }

  /** The customer's expected resolution time, optional (null or absent: none given). */
  private static java.time.OffsetDateTime expectedResolutionAt(InboundEvent event) {
    if (!event.data().hasNonNull("expectedResolutionAt")) {
      return null;
    }
    return TimerMath.utc(EventFields.time(event, "expectedResolutionAt", Clock.systemUTC()));
  }

  private SlaTimer timer(
      TrackedComplaint c,
      TimerKind kind,
      SlaPolicy policy,
      int minutes,
      String calendar,
      Instant at) {
    SlaTimer t = new SlaTimer();
    t.id = UUID.randomUUID();
    t.complaintId = c.complaintId;
    t.number = c.number;
    t.kind = kind;
    t.priority = c.priority;
    t.policyId = policy.id;
    t.policyVersion = policy.version;
    t.calendar = calendar;
    t.targetMinutes = minutes;
    t.cycle = 0;
    t.updatedAt = Timestamps.now(clock);
    TimerMath.start(t, at, calendars.get(calendar), ladder);
    return t;
  }
}
