package io.complaintsuite.contracts.sla;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code sla.incident-updated} v1 on {@code sla-alerts} (key: the incident id): a supervisor posted
 * a status and message for every member complaint (survey-service notifies their customers).
 * Schema: docs/events/sla.incident-updated.v1.json.
 */
public record IncidentUpdated(
    UUID incidentId,
    UUID updateId,
    String problemType,
    String title,
    String status,
    String message,
    String postedBy,
    List<UUID> complaintIds,
    OffsetDateTime occurredAt) {}
