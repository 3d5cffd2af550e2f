package io.complaintsuite.routing.assignment;

import io.complaintsuite.contracts.EventType;

/** The events routing-service publishes on {@code assignments}; schemas in docs/events/. */
public final class RoutingEvents {
  public static final EventType ASSIGNMENT_CREATED = EventType.ASSIGNMENT_CREATED;
  public static final EventType TRANSFER_REFUSED = EventType.ASSIGNMENT_TRANSFER_REFUSED;

  public static final EventType ASSIGNMENT_ESCALATED = EventType.ASSIGNMENT_ESCALATED;

  private RoutingEvents() {}
}
