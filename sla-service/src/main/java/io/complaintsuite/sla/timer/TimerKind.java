package io.complaintsuite.sla.timer;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** What a timer promises: the first response or the resolution. */
public enum TimerKind {
  RESPONSE("response"),
  RESOLUTION("resolution");

  private final String dbValue;

  TimerKind(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in sla_timer and shown by the API. */
  public String dbValue() {
    return dbValue;
  }

  public static TimerKind of(String dbValue) {
    for (TimerKind v : values()) {
      if (v.dbValue.equals(dbValue)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown TimerKind " + dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column implements AttributeConverter<TimerKind, String> {
    @Override
    public String convertToDatabaseColumn(TimerKind value) {
      return value == null ? null : value.dbValue;
    }

    @Override
    public TimerKind convertToEntityAttribute(String value) {
      return value == null ? null : of(value);
    }
  }
}
