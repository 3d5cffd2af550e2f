package io.complaintsuite.sla.alert;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.Topics;

/** The event types sla-service publishes on {@code sla-alerts}. */
public final class AlertEvents {
  public static final EventType WARNING = new EventType("sla.warning", 1, Topics.SLA_ALERTS);
  public static final EventType BREACHED = new EventType("sla.breached", 1, Topics.SLA_ALERTS);
  public static final EventType ESCALATED = new EventType("sla.escalated", 1, Topics.SLA_ALERTS);

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
