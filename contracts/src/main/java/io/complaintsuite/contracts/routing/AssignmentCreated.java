package io.complaintsuite.contracts.routing;

import io.complaintsuite.contracts.Priority;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code assignment.created} v1 on {@code assignments} (key: the complaint id): the complaint now
 * belongs to {@code department} and {@code agent} (null while it waits in the department's queue).
 * {@code cause} is {@code complaint.received} for the first assignment and {@code transfer} for a
 * reassignment, {@code escalation} when an SLA alert moved it to an available agent, {@code queue}
 * when it left the queue, {@code reopen} when a reopened complaint was routed afresh, {@code
 * handover} when its agent went off duty under the hand-over rule. Schema:
 * docs/events/assignment.created.v1.json.
 */
public record AssignmentCreated(
    UUID complaintId,
    String number,
    String customerId,
    String cause,
    String department,
    String agent,
    boolean queued,
    String problemType,
    Priority priority,
    double confidence,
    Explanation explanation,
    RiskAssessment risk,
    int ruleSetVersion,
    int transferCount,
    String previousDepartment,
    OffsetDateTime assignedAt) {

  public static final String CAUSE_RECEIVED = "complaint.received";
  public static final String CAUSE_TRANSFER = "transfer";

  /** An SLA alert found the complaint queued or its agent off duty: another agent took it. */
  public static final String CAUSE_ESCALATION = "escalation";

  /** A queued complaint taken by an agent who got room or came on duty. */
  public static final String CAUSE_QUEUE = "queue";

  /** A reopened complaint whose agent is off duty or full: routed afresh in its department. */
  public static final String CAUSE_REOPEN = "reopen";

  /** An agent went off duty with the hand-over rule: their open complaint went to a colleague. */
  public static final String CAUSE_HANDOVER = "handover";
}
