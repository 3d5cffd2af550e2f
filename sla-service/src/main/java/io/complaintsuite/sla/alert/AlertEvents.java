package io.complaintsuite.sla.alert;

import io.complaintsuite.contracts.EventType;

/** The event types sla-service publishes on {@code sla-alerts}. */
public final class AlertEvents {
  public static final EventType WARNING = EventType.SLA_WARNING;
  public static final EventType BREACHED = EventType.SLA_BREACHED;
  public static final EventType ESCALATED = EventType.SLA_ESCALATED;
  public static final EventType CALLBACK_OVERDUE = EventType.SLA_CALLBACK_OVERDUE;

  /** The alert kind of an overdue supervisor call-back (timer kind {@code callback}). */
  public static final String CALLBACK_OVERDUE_KIND = "callback-overdue";

  private AlertEvents() {}

  public static EventType forKind(String kind) {
    return switch (kind) {
      case "warning" -> WARNING;
      case "breached" -> BREACHED;
      case "escalated" -> ESCALATED;
      case CALLBACK_OVERDUE_KIND -> CALLBACK_OVERDUE;
      default -> throw new IllegalArgumentException("unknown alert kind " + kind);
    };
  }
}
