package io.complaintsuite.sla.incident;

import io.complaintsuite.platform.persistence.StoredValue;
import jakarta.persistence.Converter;

/** An incident's status: open, mitigating (a supervisor is on it), resolved (closed for good). */
public enum IncidentStatus implements StoredValue {
  OPEN("open"),
  MITIGATING("mitigating"),
  RESOLVED("resolved");

  private final String dbValue;

  IncidentStatus(String dbValue) {
    this.dbValue = dbValue;
  }

  /** As stored (sla_incident, sla_incident_update), shown by the API and sent in events. */
  @Override
  public String dbValue() {
    return dbValue;
  }

  public static IncidentStatus of(String dbValue) {
    return StoredValue.of(IncidentStatus.class, dbValue);
  }

  /** Stores the lowercase value the column always held (no migration). */
  @Converter
  public static class Column extends StoredValue.Column<IncidentStatus> {
    public Column() {
      super(IncidentStatus.class);
    }
  }
}
