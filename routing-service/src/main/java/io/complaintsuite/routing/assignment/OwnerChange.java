package io.complaintsuite.routing.assignment;

import io.complaintsuite.contracts.routing.AssignmentCreated;

/**
 * Why a routed complaint gets a new owner (or goes to the queue), as its {@code assignment.created}
 * tells it: the {@code cause}, who decided ({@code decidedBy}, in the explanation), the reason
 * given, and the department it left (transfers only). Transfers and escalations publish the
 * priority of the first decision; capacity's moves (queue, reopen, handover) publish the current
 * one, which orders the queue.
 */
public record OwnerChange(
    String cause,
    String decidedBy,
    String why,
    String previousDepartment,
    boolean keepsFirstPriority) {

  /** A move by capacity within the department: decided by its cause, current priority. */
  public static OwnerChange byCapacity(String cause, String why) {
    return new OwnerChange(cause, cause, why, null, false);
  }

  public static OwnerChange transfer(String previousDepartment, String reason, boolean forced) {
    return new OwnerChange(
        AssignmentCreated.CAUSE_TRANSFER,
        forced ? "forced-transfer" : "transfer",
        reason,
        previousDepartment,
        true);
  }

  public static OwnerChange escalation(String reason) {
    return new OwnerChange(
        AssignmentCreated.CAUSE_ESCALATION, AssignmentCreated.CAUSE_ESCALATION, reason, null, true);
  }
}
