package io.complaintsuite.contracts.sla;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code sla.incident-detected} v1 on {@code sla-alerts} (key: the incident id): a spike of one
 * problem type opened a mass incident grouping {@code complaintIds}. Schema:
 * docs/events/sla.incident-detected.v1.json.
 */
public record IncidentDetected(
    UUID incidentId,
    String problemType,
    String title,
    int windowMinutes,
    int windowCount,
    double baselinePerWindow,
    List<UUID> complaintIds,
    OffsetDateTime detectedAt) {}
