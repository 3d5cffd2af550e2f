package io.complaintsuite.sla.timer;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.sla.kpi.TrackedComplaint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * Routing's assignments (assignment.created): kept per complaint, even one that arrives before the
 * complaint, and copied onto its timers (alerts go to that department and agent) and KPI facts.
 */
@ApplicationScoped
public class Assignments {
  private final Clock clock;

  public Assignments(Clock clock) {
    this.clock = clock;
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
                c.updatedAt = Timestamps.now(clock);
              }
            })
        .replaceWithVoid();
  }
}
