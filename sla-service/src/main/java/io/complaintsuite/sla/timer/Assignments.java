package io.complaintsuite.sla.timer;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.sla.kpi.TrackedComplaint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Routing's assignments (assignment.created) and corrections of their problem type
 * (assignment.reclassified): kept per complaint, even one that arrives before the complaint, and
 * copied onto its timers (alerts go to that department and agent) and KPI facts.
 */
@ApplicationScoped
public class Assignments {
  private final Clock clock;

  public Assignments(Clock clock) {
    this.clock = clock;
  }

  /** The assignments-topic event types {@link #apply} handles. */
  public Set<String> handledTypes() {
    return Set.of(EventType.ASSIGNMENT_CREATED.name(), EventType.ASSIGNMENT_RECLASSIFIED.name());
  }

  public Uni<Void> apply(InboundEvent event) {
    return EventType.ASSIGNMENT_RECLASSIFIED.name().equals(event.type())
        ? reclassified(event)
        : assigned(event);
  }

  /** Routing named the department and agent: alerts go to them. */
  public Uni<Void> assigned(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = EventFields.uuid(data, "complaintId");
    String department = EventFields.text(data, "department", false);
    String agent = EventFields.text(data, "agent", false);
    String problemType = EventFields.text(data, "problemType", false);
    return ComplaintLocks.lockComplaint(complaintId)
        .chain(() -> Assignment.<Assignment>findById(complaintId))
        .chain(
            existing -> {
              Assignment a = existing != null ? existing : new Assignment();
              a.complaintId = complaintId;
              a.department = department;
              a.agent = agent;
              a.problemType = problemType;
              a.assignedAt = Timestamps.now(clock);
              return existing != null ? Uni.createFrom().item(a) : a.<Assignment>persist();
            })
        .chain(a -> applyAssignment(complaintId, a));
  }

  /**
   * The problem type routing first decided was corrected (an agent's reclassification or an
   * accepted transfer): the complaint no longer counts as classified right the first time, whenever
   * it was received, and its type becomes the corrected one. Only the first correction's time is
   * kept (a second correction, or the same one published again under a new id, changes nothing but
   * the type); the event's {@code reclassifiedAt} is when it happened, however late it is consumed.
   */
  public Uni<Void> reclassified(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = EventFields.uuid(data, "complaintId");
    String firstProblemType = EventFields.text(data, "firstProblemType", false);
    String problemType = EventFields.text(data, "problemType", false);
    OffsetDateTime at = TimerMath.utc(EventFields.time(event, "reclassifiedAt", clock));
    return ComplaintLocks.lockComplaint(complaintId)
        .chain(() -> Assignment.<Assignment>findById(complaintId))
        .chain(
            existing -> {
              Assignment a = existing != null ? existing : new Assignment();
              if (existing == null) {
                // Not assigned yet as far as this service knows: the assignment.created that
                // precedes it on the topic was dead-lettered, or the topic was replayed partly.
                a.complaintId = complaintId;
                a.assignedAt = Timestamps.now(clock);
              }
              if (a.firstProblemType == null) {
                a.firstProblemType = firstProblemType != null ? firstProblemType : a.problemType;
              }
              if (a.reclassifiedAt == null || at.isBefore(a.reclassifiedAt)) {
                a.reclassifiedAt = at;
              }
              if (problemType != null) {
                a.problemType = problemType;
              }
              return existing != null ? Uni.createFrom().item(a) : a.<Assignment>persist();
            })
        .chain(a -> applyAssignment(complaintId, a));
  }

  /** Copies the assignment onto the complaint's timers and KPI facts, if they exist yet. */
  Uni<Void> applyAssignment(UUID complaintId, Assignment a) {
    return ComplaintLocks.lockedTimers(complaintId)
        .chain(
            timers -> {
              for (SlaTimer t : timers) {
                t.department = a.department;
                t.agent = a.agent;
              }
              return TrackedComplaint.<TrackedComplaint>findById(complaintId);
            })
        .invoke(
            c -> {
              if (c != null) {
                c.department = a.department;
                c.agent = a.agent;
                if (a.problemType != null) {
                  c.problemType = a.problemType;
                }
                if (a.reclassifiedAt != null) {
                  c.reclassifiedAt = a.reclassifiedAt;
                  c.firstProblemType = a.firstProblemType;
                }
                c.updatedAt = Timestamps.now(clock);
              }
            })
        .replaceWithVoid();
  }
}
