package io.complaintsuite.survey.schedule;

import io.complaintsuite.platform.persistence.StoredValue;
import jakarta.persistence.Converter;
import java.util.List;

/**
 * A survey's state: scheduled → sent → answered; or cancelled (a reopen came first), or skipped
 * (fatigue, no-contact, too-late).
 */
public enum SurveyState implements StoredValue {
  SCHEDULED("scheduled"),
  SENT("sent"),
  ANSWERED("answered"),
  CANCELLED("cancelled"),
  SKIPPED("skipped");

  /** Every state's value, in declaration order: what a {@code state} query parameter may be. */
  public static final List<String> DB_VALUES = StoredValue.dbValues(SurveyState.class);

  private final String dbValue;

  SurveyState(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in survey and shown by the API. */
  @Override
  public String dbValue() {
    return dbValue;
  }

  public static SurveyState of(String dbValue) {
    return StoredValue.of(SurveyState.class, dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column extends StoredValue.Column<SurveyState> {
    public Column() {
      super(SurveyState.class);
    }
  }
}
