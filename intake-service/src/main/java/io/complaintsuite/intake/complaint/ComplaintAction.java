package io.complaintsuite.intake.complaint;

import static io.complaintsuite.intake.complaint.ComplaintStatus.CLOSED;
import static io.complaintsuite.intake.complaint.ComplaintStatus.IN_PROGRESS;
import static io.complaintsuite.intake.complaint.ComplaintStatus.RECEIVED;
import static io.complaintsuite.intake.complaint.ComplaintStatus.RESOLVED;
import static io.complaintsuite.intake.complaint.ComplaintStatus.WAITING_FOR_CUSTOMER;

import io.complaintsuite.platform.problem.ProblemException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The complaint's state machine: every action and the states that allow it. */
public enum ComplaintAction {
  RESPOND("respond", EnumSet.of(RECEIVED)),
  REPLY("reply", EnumSet.of(RECEIVED, IN_PROGRESS, WAITING_FOR_CUSTOMER)),
  NOTE("note", EnumSet.allOf(ComplaintStatus.class)),
  CHANGE_PRIORITY("change-priority", EnumSet.of(RECEIVED, IN_PROGRESS, WAITING_FOR_CUSTOMER)),
  REQUEST_TRANSFER("request-transfer", EnumSet.of(RECEIVED, IN_PROGRESS, WAITING_FOR_CUSTOMER)),
  // Also after resolution: the agent often knows the real problem only at the end, and routing
  // learns from the corrected label either way.
  RECLASSIFY("reclassify", EnumSet.of(RECEIVED, IN_PROGRESS, WAITING_FOR_CUSTOMER, RESOLVED)),
  WAIT_FOR_CUSTOMER("wait-for-customer", EnumSet.of(IN_PROGRESS)),
  RESOLVE("resolve", EnumSet.of(IN_PROGRESS, WAITING_FOR_CUSTOMER)),
  REOPEN("reopen", EnumSet.of(RESOLVED)),
  CLOSE("close", EnumSet.of(RESOLVED)),
  CUSTOMER_MESSAGE(
      "customer-message", EnumSet.of(RECEIVED, IN_PROGRESS, WAITING_FOR_CUSTOMER, RESOLVED));

  private final String name;
  private final Set<ComplaintStatus> allowedIn;

  ComplaintAction(String name, Set<ComplaintStatus> allowedIn) {
    this.name = name;
    this.allowedIn = allowedIn;
  }

  public boolean allowedIn(ComplaintStatus status) {
    return allowedIn.contains(status);
  }

  /** 409 problem+json naming the current state and the states that allow this action. */
  public void check(ComplaintStatus current) {
    if (!allowedIn(current)) {
      String allowed =
          allowedIn.stream().map(ComplaintStatus::json).sorted().collect(Collectors.joining(", "));
      throw new ProblemException(
          409,
          "Action not allowed in this state",
          "'"
              + name
              + "' is not allowed while the complaint is "
              + current.json()
              + "; it is allowed in: "
              + allowed
              + (current == CLOSED ? " (a closed complaint is final: post a new one)" : ""));
    }
  }

  public String json() {
    return name;
  }
}
