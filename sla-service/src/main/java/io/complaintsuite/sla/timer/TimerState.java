package io.complaintsuite.sla.timer;

import io.complaintsuite.platform.persistence.StoredValue;
import jakarta.persistence.Converter;

/** A timer's state: running (counting), paused (waiting for the customer), met, stopped. */
public enum TimerState implements StoredValue {
  RUNNING("running"),
  PAUSED("paused"),
  MET("met"),
  STOPPED("stopped");

  private final String dbValue;

  TimerState(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in sla_timer and shown by the API. */
  @Override
  public String dbValue() {
    return dbValue;
  }

  public static TimerState of(String dbValue) {
    return StoredValue.of(TimerState.class, dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column extends StoredValue.Column<TimerState> {
    public Column() {
      super(TimerState.class);
    }
  }
}
