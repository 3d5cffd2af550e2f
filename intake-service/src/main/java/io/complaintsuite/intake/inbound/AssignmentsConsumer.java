package io.complaintsuite.intake.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.ComplaintLifecycle;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.contracts.routing.AssignmentCreated;
import io.complaintsuite.contracts.routing.Explanation;
import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.intake.timeline.Timeline;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Shows routing's decision on the complaint: department, agent, problem type, and a priority raised
 * by routing (a channel's explicit grade is only ever raised, never lowered). A public-opinion risk
 * flag ({@code risk.flagged}) makes the complaint urgent. When routing changes the effective
 * priority, intake publishes {@code complaint.priority-changed} (actor routing-service, reason
 * routing's {@code explanation.priorityReasons}) in the same transaction, so sla-service re-targets
 * its timers, and the timeline shows a priority-changed entry besides the assigned one.
 */
@ApplicationScoped
public class AssignmentsConsumer {
  static final String CONSUMER = "intake-service.assignments";

  static final String ROUTING = "routing-service";
  static final String RISK_REASON = "public-opinion risk: urgent";

  private final Inbox inbox;
  private final Timeline timeline;
  private final Outbox outbox;
  private final Clock clock;
  private final ObjectMapper json;

  public AssignmentsConsumer(
      Inbox inbox, Timeline timeline, Outbox outbox, Clock clock, ObjectMapper json) {
    this.inbox = inbox;
    this.timeline = timeline;
    this.outbox = outbox;
    this.clock = clock;
    this.json = json;
  }

  @Incoming("assignments-in")
  public Uni<Void> onAssignment(Message<String> message) {
    return inbox.process(
        message, CONSUMER, Set.of(EventType.ASSIGNMENT_CREATED.name()), this::apply);
  }

  Uni<Void> apply(InboundEvent event) {
    AssignmentCreated data = event.dataAs(json, AssignmentCreated.class);
    UUID complaintId = EventFields.required(data.complaintId(), "complaintId");
    String department = EventFields.required(blankAsNull(data.department()), "department");
    String agent = blankAsNull(data.agent());
    String problemType = blankAsNull(data.problemType());
    Priority routed = data.priority();
    boolean riskFlagged = data.risk() != null && data.risk().flagged();
    // 舆情: a flagged complaint is urgent whatever else routing said.
    Priority priority = riskFlagged ? Priority.URGENT : routed;
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
              Priority from = c.priority;
              if (priority != null
                  && priority != c.priority
                  && (!c.priorityGiven || priority.ordinal() < c.priority.ordinal())) {
                details.put("priority", priority.name().toLowerCase());
                c.priority = priority;
              }
              // Routing says why (text or a structured explanation) and flags public-opinion risk.
              if (data.explanation() != null) {
                details.put("explanation", data.explanation());
              }
              if (data.risk() != null) {
                details.put("risk", data.risk());
              }
              var now = Timestamps.now(clock);
              c.updatedAt = now;
              Uni<?> assigned =
                  timeline.append(c.id, Timeline.ASSIGNED, ROUTING, "system", now, null, details);
              if (c.priority == from) {
                return assigned.replaceWithVoid();
              }
              String reason =
                  reason(data.explanation(), riskFlagged && routed != Priority.URGENT, c.priority);
              return assigned
                  .chain(
                      () ->
                          timeline.append(
                              c.id,
                              Timeline.PRIORITY_CHANGED,
                              ROUTING,
                              "system",
                              now,
                              reason,
                              Map.of(
                                  "from",
                                  from.name().toLowerCase(),
                                  "to",
                                  c.priority.name().toLowerCase())))
                  .chain(
                      () ->
                          outbox.append(
                              EventType.COMPLAINT_PRIORITY_CHANGED,
                              c.id.toString(),
                              c.id.toString(),
                              new ComplaintLifecycle.PriorityChanged(
                                  c.id, c.number, ROUTING, from, c.priority, reason, now)))
                  .replaceWithVoid();
            });
  }

  /**
   * Routing's reasons for the priority ({@code explanation.priorityReasons}, joined with "; "),
   * plus the risk flag when it alone made the complaint urgent.
   */
  static String reason(Explanation explanation, boolean raisedByRisk, Priority to) {
    List<String> reasons = new ArrayList<>();
    if (explanation != null && explanation.priorityReasons() != null) {
      explanation.priorityReasons().stream()
          .filter(r -> r != null && !r.isBlank())
          .forEach(reasons::add);
    }
    if (raisedByRisk && !reasons.contains(RISK_REASON)) {
      reasons.add(RISK_REASON);
    }
    if (reasons.isEmpty()) {
      reasons.add("routing's classification: " + to.name().toLowerCase());
    }
    return String.join("; ", reasons);
  }

  private static String blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
