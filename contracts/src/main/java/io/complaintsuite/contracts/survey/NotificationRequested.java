package io.complaintsuite.contracts.survey;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code notification.requested} v1 on {@code notifications}: a message for one
 * customer, to be delivered by the adapter of {@code channel} ({@code sms}, {@code app-push},
 * {@code email}). {@code purpose}: {@code survey-invitation} or {@code incident-update}. The
 * recipient's phone or e-mail travels here because the delivery adapters need it. Schema: {@code
 * docs/events/notification.requested.v1.json}.
 */
public record NotificationRequested(
    UUID notificationId,
    String purpose,
    String channel,
    Recipient recipient,
    String locale,
    String subject,
    String text,
    String link,
    UUID complaintId,
    String surveyId,
    UUID incidentId,
    UUID updateId,
    OffsetDateTime expiresAt,
    OffsetDateTime occurredAt) {

  /** Who gets it: the customer id always (the app-push target), phone for SMS, e-mail for mail. */
  public record Recipient(String customerId, String name, String phone, String email) {}
}
