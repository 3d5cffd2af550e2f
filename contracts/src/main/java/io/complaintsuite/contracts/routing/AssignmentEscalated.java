package io.complaintsuite.contracts.routing;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code assignment.escalated} v1 on {@code assignments} (key: the complaint id): an SLA alert
 * raised the complaint's escalation level; {@code recipientRole} (supervisor, director) is who must
 * act. {@code reassigned} tells whether routing also moved it to an available agent. Schema:
 * docs/events/assignment.escalated.v1.json.
 */
public record AssignmentEscalated(
    UUID complaintId,
    String number,
    String department,
    String agent,
    boolean queued,
    int level,
    String recipientRole,
    String timer,
    UUID alertId,
    boolean reassigned,
    String reason,
    OffsetDateTime escalatedAt) {}
