package io.complaintsuite.sla.timer;

import io.complaintsuite.platform.persistence.StoredValue;
import jakarta.persistence.Converter;

/** What a timer promises: the first response or the resolution. */
public enum TimerKind implements StoredValue {
  RESPONSE("response"),
  RESOLUTION("resolution");

  private final String dbValue;

  TimerKind(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in sla_timer and shown by the API. */
  @Override
  public String dbValue() {
    return dbValue;
  }

  public static TimerKind of(String dbValue) {
    return StoredValue.of(TimerKind.class, dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column extends StoredValue.Column<TimerKind> {
    public Column() {
      super(TimerKind.class);
    }
  }
}
