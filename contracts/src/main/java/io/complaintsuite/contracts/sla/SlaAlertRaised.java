package io.complaintsuite.contracts.sla;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code sla.warning}, {@code sla.breached} and {@code sla.escalated} v1 on {@code
 * sla-alerts}, published by sla-service. {@code timer} is {@code response} or {@code resolution};
 * {@code level} is 0 for warning and breach, 1.. for the rungs of the escalation ladder; {@code
 * dueAt} is the instant the alert was due (the lag to {@code raisedAt} is the checker's delay).
 * Schemas: {@code docs/events/sla.TYPE.v1.json}.
 */
public record SlaAlertRaised(
    UUID alertId,
    UUID complaintId,
    String number,
    String timer,
    String priority,
    int policyVersion,
    int level,
    String recipientRole,
    String recipient,
    String department,
    OffsetDateTime deadlineAt,
    OffsetDateTime dueAt,
    OffsetDateTime raisedAt) {}
