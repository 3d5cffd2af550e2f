package io.complaintsuite.sla.timer;

import io.complaintsuite.platform.persistence.StoredValue;
import jakarta.persistence.Converter;

/** A timer's stage: the next alert the timer owes. */
public enum TimerStage implements StoredValue {
  WARNING("warning"),
  BREACH("breach"),
  ESCALATION("escalation"),
  DONE("done");

  private final String dbValue;

  TimerStage(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in sla_timer and shown by the API. */
  @Override
  public String dbValue() {
    return dbValue;
  }

  public static TimerStage of(String dbValue) {
    return StoredValue.of(TimerStage.class, dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column extends StoredValue.Column<TimerStage> {
    public Column() {
      super(TimerStage.class);
    }
  }
}
