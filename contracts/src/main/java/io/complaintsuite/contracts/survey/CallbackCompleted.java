package io.complaintsuite.contracts.survey;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code survey.callback-completed} v1 on {@code surveys}: the supervisor's call-back
 * is done; {@code outcome} is {@code reached}, {@code not-reached} or {@code reopened} (the
 * supervisor re-opened the complaint in intake-service). Schema: {@code
 * docs/events/survey.callback-completed.v1.json}.
 */
public record CallbackCompleted(
    UUID callbackId,
    UUID complaintId,
    String outcome,
    String note,
    String completedBy,
    OffsetDateTime dueAt,
    OffsetDateTime occurredAt) {}
