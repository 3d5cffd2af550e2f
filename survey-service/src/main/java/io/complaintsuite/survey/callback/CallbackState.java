package io.complaintsuite.survey.callback;

import io.complaintsuite.platform.persistence.StoredValue;
import jakarta.persistence.Converter;
import java.util.List;

/** A call-back task's state: open → claimed → completed. */
public enum CallbackState implements StoredValue {
  OPEN("open"),
  CLAIMED("claimed"),
  COMPLETED("completed");

  /** Every state's value, in declaration order: what a {@code state} query parameter may be. */
  public static final List<String> DB_VALUES = StoredValue.dbValues(CallbackState.class);

  private final String dbValue;

  CallbackState(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in callback_task and shown by the API. */
  @Override
  public String dbValue() {
    return dbValue;
  }

  public static CallbackState of(String dbValue) {
    return StoredValue.of(CallbackState.class, dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column extends StoredValue.Column<CallbackState> {
    public Column() {
      super(CallbackState.class);
    }
  }
}
