package io.complaintsuite.sla.timer;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A timer's state: running (counting), paused (waiting for the customer), met, stopped. */
public enum TimerState {
  RUNNING("running"),
  PAUSED("paused"),
  MET("met"),
  STOPPED("stopped");

  private final String dbValue;

  TimerState(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in sla_timer and shown by the API. */
  public String dbValue() {
    return dbValue;
  }

  public static TimerState of(String dbValue) {
    for (TimerState v : values()) {
      if (v.dbValue.equals(dbValue)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown TimerState " + dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column implements AttributeConverter<TimerState, String> {
    @Override
    public String convertToDatabaseColumn(TimerState value) {
      return value == null ? null : value.dbValue;
    }

    @Override
    public TimerState convertToEntityAttribute(String value) {
      return value == null ? null : of(value);
    }
  }
}
