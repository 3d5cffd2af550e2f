package io.complaintsuite.sla.incident;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** An incident's status: open, mitigating (a supervisor is on it), resolved (closed for good). */
public enum IncidentStatus {
  OPEN("open"),
  MITIGATING("mitigating"),
  RESOLVED("resolved");

  private final String dbValue;

  IncidentStatus(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored (sla_incident, sla_incident_update), shown by the API and sent in events. */
  public String dbValue() {
    return dbValue;
  }

  public static IncidentStatus of(String dbValue) {
    for (IncidentStatus v : values()) {
      if (v.dbValue.equals(dbValue)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown IncidentStatus " + dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column implements AttributeConverter<IncidentStatus, String> {
    @Override
    public String convertToDatabaseColumn(IncidentStatus value) {
      return value == null ? null : value.dbValue;
    }

    @Override
    public IncidentStatus convertToEntityAttribute(String value) {
      return value == null ? null : of(value);
    }
  }
}
