package io.complaintsuite.sla.incident;

import io.complaintsuite.contracts.EventType;

/**
 * The incident events sla-service publishes on {@code sla-alerts}, keyed by the incident id; their
 * data are contracts' {@code IncidentDetected} and {@code IncidentUpdated}.
 */
public final class IncidentEvents {
  public static final EventType DETECTED = EventType.SLA_INCIDENT_DETECTED;
  public static final EventType UPDATED = EventType.SLA_INCIDENT_UPDATED;

  private IncidentEvents() {}
}
