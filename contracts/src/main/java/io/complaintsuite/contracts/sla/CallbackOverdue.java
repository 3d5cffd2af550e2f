package io.complaintsuite.contracts.sla;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code sla.callback-overdue} v1 on {@code sla-alerts}, published by sla-service: a
 * supervisor's call-back (主管二次回访, {@code survey.callback-opened}) was still not completed at its
 * {@code dueAt}; goes to the supervisor of {@code department}, once per call-back. A type of its
 * own, not {@code sla.breached}: a call-back has no SLA timer, priority grade or policy version,
 * and routing-service escalates the complaint on every {@code sla.breached}. {@code timer} is
 * always {@code callback}; key and subject are the complaint id. Schema: {@code
 * docs/events/sla.callback-overdue.v1.json}.
 */
public record CallbackOverdue(
    UUID alertId,
    UUID callbackId,
    UUID complaintId,
    String number,
    String timer,
    String priority,
    String recipientRole,
    String recipient,
    String department,
    String agent,
    OffsetDateTime dueAt,
    OffsetDateTime raisedAt) {}
