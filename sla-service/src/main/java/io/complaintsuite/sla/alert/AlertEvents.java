package io.complaintsuite.sla.alert;

import io.complaintsuite.contracts.EventType;

/** The event types sla-service publishes on {@code sla-alerts}. */
public final class AlertEvents {
  public static final EventType WARNING = EventType.SLA_WARNING;
  public static final EventType BREACHED = EventType.SLA_BREACHED;
  public static final EventType ESCALATED = EventType.SLA_ESCALATED;

  private AlertEvents() {}

  public static EventType forKind(String kind) {
    return switch (kind) {
      case "warning" -> WARNING;
      case "breached" -> BREACHED;
      case "escalated" -> ESCALATED;
      default -> throw new IllegalArgumentException("unknown alert kind " + kind);
    };
  }
}
