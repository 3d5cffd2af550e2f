package io.complaintsuite.routing.assignment;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.contracts.routing.AssignmentCreated;
import io.complaintsuite.contracts.routing.Explanation;
import io.complaintsuite.contracts.routing.RiskAssessment;

/**
 * Where a complaint goes and why: what a dry-run answers and what {@code assignment.created}
 * carries (with the complaint's identity around it).
 */
public record Decision(
    String department,
    String agent,
    boolean queued,
    String problemType,
    Priority priority,
    double confidence,
    Explanation explanation,
    RiskAssessment risk,
    int ruleSetVersion) {

  /** The decision an {@code assignment.created} event carries. */
  public static Decision of(AssignmentCreated event) {
    return new Decision(
        event.department(),
        event.agent(),
        event.queued(),
        event.problemType(),
        event.priority(),
        event.confidence(),
        event.explanation(),
        event.risk(),
        event.ruleSetVersion());
  }
}
