package io.complaintsuite.intake.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.intake.timeline.Timeline;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Shows routing's decision on the complaint: department, agent, problem type, and a priority raised
 * by routing (a channel's explicit grade is only ever raised, never lowered).
 */
@ApplicationScoped
public class AssignmentsConsumer {
  static final String CONSUMER = "intake-service.assignments";

  private final Inbox inbox;
  private final Timeline timeline;
  private final Clock clock;

  public AssignmentsConsumer(Inbox inbox, Timeline timeline, Clock clock) {
    this.inbox = inbox;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Incoming("assignments-in")
  public Uni<Void> onAssignment(Message<String> message) {
    return inbox.process(
        message, CONSUMER, Set.of(EventType.ASSIGNMENT_CREATED.name()), this::apply);
  }

  Uni<Void> apply(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = Events.uuid(data, "complaintId");
    String department = Events.text(data, "department", true);
    String agent = Events.text(data, "agent", false);
    String problemType = Events.text(data, "problemType", false);
    Priority priority = Events.priority(data, "priority");
    return Complaint.<Complaint>findById(complaintId)
        .chain(
            c -> {
              if (c == null) {
                throw new PoisonEventException(
                    "assignment for an unknown complaint " + complaintId);
              }
              Map<String, Object> details = new HashMap<>();
              details.put("department", department);
              details.put("agent", agent);
              c.department = department;
              c.agent = agent;
              if (problemType != null && !problemType.equals(c.problemType)) {
                details.put("problemType", problemType);
                c.problemType = problemType;
              }
              if (priority != null
                  && priority != c.priority
                  && (!c.priorityGiven || priority.ordinal() < c.priority.ordinal())) {
                details.put("priority", priority.name().toLowerCase());
                c.priority = priority;
              }
              // Routing says why (text or a structured explanation) and flags public-opinion risk.
              if (data.hasNonNull("explanation")) {
                details.put("explanation", data.get("explanation"));
              }
              if (data.hasNonNull("risk")) {
                details.put("risk", data.get("risk"));
              }
              var now = Timestamps.now(clock);
              c.updatedAt = now;
              return timeline
                  .append(c.id, Timeline.ASSIGNED, "routing-service", "system", now, null, details)
                  .replaceWithVoid();
            });
  }
}
