package io.complaintsuite.contracts.survey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@code survey.callback-opened} v1 on {@code surveys}: a supervisor of {@code
 * department} must call the customer back (主管二次回访) by {@code dueAt}. {@code reasons}: {@code
 * poor-answer}, {@code urgent}. No phone number: supervisors read it from the task API. Schema:
 * {@code docs/events/survey.callback-opened.v1.json}.
 */
public record CallbackOpened(
    UUID callbackId,
    UUID complaintId,
    String number,
    String surveyId,
    List<String> reasons,
    String department,
    String agent,
    String customerId,
    OffsetDateTime dueAt,
    OffsetDateTime occurredAt) {}
