package io.complaintsuite.sla.timer;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A timer's stage: the next alert the timer owes. */
public enum TimerStage {
  WARNING("warning"),
  BREACH("breach"),
  ESCALATION("escalation"),
  DONE("done");

  private final String dbValue;

  TimerStage(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in sla_timer and shown by the API. */
  public String dbValue() {
    return dbValue;
  }

  public static TimerStage of(String dbValue) {
    for (TimerStage v : values()) {
      if (v.dbValue.equals(dbValue)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown TimerStage " + dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column implements AttributeConverter<TimerStage, String> {
    @Override
    public String convertToDatabaseColumn(TimerStage value) {
      return value == null ? null : value.dbValue;
    }

    @Override
    public TimerStage convertToEntityAttribute(String value) {
      return value == null ? null : of(value);
    }
  }
}
