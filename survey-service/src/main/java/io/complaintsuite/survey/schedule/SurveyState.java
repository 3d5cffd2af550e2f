package io.complaintsuite.survey.schedule;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;

/**
 * A survey's state: scheduled → sent → answered; or cancelled (a reopen came first), or skipped
 * (fatigue, no-contact, too-late).
 */
public enum SurveyState {
  SCHEDULED("scheduled"),
  SENT("sent"),
  ANSWERED("answered"),
  CANCELLED("cancelled"),
  SKIPPED("skipped");

  /** Every state's value, in declaration order: what a {@code state} query parameter may be. */
  public static final List<String> DB_VALUES =
      Arrays.stream(values()).map(SurveyState::dbValue).toList();

  private final String dbValue;

  SurveyState(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored in survey and shown by the API. */
  public String dbValue() {
    return dbValue;
  }

  public static SurveyState of(String dbValue) {
    for (SurveyState v : values()) {
      if (v.dbValue.equals(dbValue)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown SurveyState " + dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column implements AttributeConverter<SurveyState, String> {
    @Override
    public String convertToDatabaseColumn(SurveyState value) {
      return value == null ? null : value.dbValue;
    }

    @Override
    public SurveyState convertToEntityAttribute(String value) {
      return value == null ? null : of(value);
    }
  }
}
