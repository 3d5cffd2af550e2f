package io.complaintsuite.contracts.survey;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code survey.sent} v1 on {@code surveys}: the invitation went out through {@code
 * channel} ({@code sms}, {@code app-push}, {@code email}) and its link works until {@code
 * expiresAt}. Schema: {@code docs/events/survey.sent.v1.json}.
 */
public record SurveySent(
    UUID complaintId,
    String surveyId,
    String channel,
    OffsetDateTime expiresAt,
    OffsetDateTime occurredAt) {}
