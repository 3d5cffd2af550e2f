package io.complaintsuite.intake.action;

import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.platform.problem.ProblemException;

/**
 * Who may act on a work order (docs/api.md, "Who may act"): supervisors and admins on every
 * complaint; an agent on a complaint assigned to them (its agent is the caller's principal name),
 * or on one queued in their department (department set, no agent; the caller's department is the
 * token's {@code department} claim). Everyone else is refused with 403 naming the reason.
 *
 * <p>{@link ComplaintActions#act} decides on the row it is about to change, inside the action's
 * transaction: a reassignment committed meanwhile raises the row's version, so the action's flush
 * fails (409) instead of acting on a decision made for the old owner.
 */
public final class WorkOrderAccess {
  static final String TITLE = "Forbidden";

  private WorkOrderAccess() {}

  /** Throws a 403 problem unless {@code actor} may act on {@code c}. */
  public static void check(Complaint c, Actor actor) {
    String refusal = refusal(c.number, c.department, c.agent, actor);
    if (refusal != null) {
      throw new ProblemException(403, TITLE, refusal);
    }
  }

  /** Why {@code actor} may not act on the work order, or null when they may. */
  static String refusal(String number, String department, String agent, Actor actor) {
    if (actor.actsOnAny()) {
      return null;
    }
    if (!"agent".equals(actor.role())) {
      return "only agents, supervisors and admins act on work orders";
    }
    if (agent != null) {
      return agent.equals(actor.id())
          ? null
          : number + " is assigned to agent " + agent + ", not to you";
    }
    if (department != null) {
      if (department.equals(actor.department())) {
        return null;
      }
      return actor.department() == null
          ? number
              + " is queued in "
              + department
              + "; your token names no department (claim \"department\")"
          : number + " is queued in " + department + "; you are in " + actor.department();
    }
    return number + " is not yet assigned: only supervisors and admins may act";
  }
}
