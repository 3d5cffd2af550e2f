package io.complaintsuite.sla.alert;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.persistence.StoredValue;
import jakarta.persistence.Converter;

/**
 * What an alert says, and the event it is published as on {@code sla-alerts}: a timer's warning
 * (agent), breach (supervisor) and escalations, or a call-back still open at its due time.
 */
public enum AlertKind implements StoredValue {
  WARNING("warning", EventType.SLA_WARNING),
  BREACHED("breached", EventType.SLA_BREACHED),
  ESCALATED("escalated", EventType.SLA_ESCALATED),
  CALLBACK_OVERDUE("callback-overdue", EventType.SLA_CALLBACK_OVERDUE);

  private final String dbValue;
  private final EventType eventType;

  AlertKind(String dbValue, EventType eventType) {
    this.dbValue = dbValue;
    this.eventType = eventType;
  }

  /** As stored in sla_alert.kind and shown by the API. */
  @Override
  public String dbValue() {
    return dbValue;
  }

  public EventType eventType() {
    return eventType;
  }

  public static AlertKind of(String dbValue) {
    return StoredValue.of(AlertKind.class, dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column extends StoredValue.Column<AlertKind> {
    public Column() {
      super(AlertKind.class);
    }
  }
}
