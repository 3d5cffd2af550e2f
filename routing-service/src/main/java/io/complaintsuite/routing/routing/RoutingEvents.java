package io.complaintsuite.routing.routing;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.Topics;

/** The events routing-service publishes on {@code assignments}; schemas in docs/events/. */
public final class RoutingEvents {
  public static final EventType ASSIGNMENT_CREATED =
      new EventType("assignment.created", 1, Topics.ASSIGNMENTS);
  public static final EventType TRANSFER_REFUSED =
      new EventType("assignment.transfer-refused", 1, Topics.ASSIGNMENTS);

  public static final EventType ASSIGNMENT_ESCALATED =
      new EventType("assignment.escalated", 1, Topics.ASSIGNMENTS);

  private RoutingEvents() {}
}
