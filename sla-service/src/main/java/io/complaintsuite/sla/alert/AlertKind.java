package io.complaintsuite.sla.alert;

import io.complaintsuite.contracts.EventType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * What an alert says, and the event it is published as on {@code sla-alerts}: a timer's warning
 * (agent), breach (supervisor) and escalations, or a call-back still open at its due time.
 */
public enum AlertKind {
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
  public String dbValue() {
    return dbValue;
  }

  public EventType eventType() {
    return eventType;
  }

  public static AlertKind of(String dbValue) {
    for (AlertKind k : values()) {
      if (k.dbValue.equals(dbValue)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown alert kind " + dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column implements AttributeConverter<AlertKind, String> {
    @Override
    public String convertToDatabaseColumn(AlertKind value) {
      return value == null ? null : value.dbValue;
    }

    @Override
    public AlertKind convertToEntityAttribute(String value) {
      return value == null ? null : of(value);
    }
  }
}
