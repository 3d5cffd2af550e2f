package io.complaintsuite.sla.incident;

import io.complaintsuite.contracts.EventType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The incident events sla-service publishes on {@code sla-alerts}, keyed by the incident id. */
public final class IncidentEvents {
  public static final EventType DETECTED = EventType.SLA_INCIDENT_DETECTED;
  public static final EventType UPDATED = EventType.SLA_INCIDENT_UPDATED;

  /** The contract is docs/events/sla.incident-detected.v1.json. */
  public record Detected(
      UUID incidentId,
      String problemType,
      String title,
      int windowMinutes,
      int windowCount,
      double baselinePerWindow,
      List<UUID> complaintIds,
      OffsetDateTime detectedAt) {}

  /** The contract is docs/events/sla.incident-updated.v1.json (consumed by survey-service). */
  public record Updated(
      UUID incidentId,
      UUID updateId,
      String problemType,
      String title,
      String status,
      String message,
      String postedBy,
      List<UUID> complaintIds,
      OffsetDateTime occurredAt) {}

  private IncidentEvents() {}
}
