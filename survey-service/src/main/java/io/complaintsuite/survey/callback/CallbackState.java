package io.complaintsuite.survey.callback;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;

/** A call-back task's state: open → claimed → completed. */
public enum CallbackState {
  OPEN("open"),
  CLAIMED("claimed"),
  COMPLETED("completed");

  /** Every state's value, in declaration order: what a {@code state} query parameter may be. */
  public static final List<String> DB_VALUES =
      Arrays.stream(values()).map(CallbackState::dbValue).toList();

  private final String dbValue;

  CallbackState(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in callback_task and shown by the API. */
  public String dbValue() {
    return dbValue;
  }

  public static CallbackState of(String dbValue) {
    for (CallbackState v : values()) {
      if (v.dbValue.equals(dbValue)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown CallbackState " + dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column implements AttributeConverter<CallbackState, String> {
    @Override
    public String convertToDatabaseColumn(CallbackState value) {
      return value == null ? null : value.dbValue;
    }

    @Override
    public CallbackState convertToEntityAttribute(String value) {
      return value == null ? null : of(value);
    }
  }
}
