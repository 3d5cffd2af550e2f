package io.complaintsuite.contracts.routing;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code assignment.reclassified} v1 on {@code assignments} (key: the complaint id): the problem
 * type routing first decided was corrected — by an agent's or supervisor's reclassification ({@code
 * source} reclassify) or by an accepted transfer to a department that owns another type ({@code
 * source} transfer). sla-service counts it against "first classification right" (需求理解准确率). Schema:
 * docs/events/assignment.reclassified.v1.json.
 */
public record AssignmentReclassified(
    UUID complaintId,
    String number,
    String firstProblemType,
    String previousProblemType,
    String problemType,
    String source,
    String by,
    String reason,
    OffsetDateTime reclassifiedAt) {}
