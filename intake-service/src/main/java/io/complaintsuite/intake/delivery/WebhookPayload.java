package io.complaintsuite.intake.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The body of every webhook request, in the Standard Webhooks shape ({@code type}, {@code
 * timestamp}, {@code data}). Schema: docs/webhooks/customer-message.v1.json.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookPayload(String type, OffsetDateTime timestamp, Data data) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Data(
      UUID deliveryId,
      String kind,
      long sequence,
      UUID complaintId,
      String number,
      String externalId,
      String channel,
      Customer customer,
      String locale,
      String subject,
      String text,
      String link,
      OffsetDateTime expiresAt,
      OffsetDateTime occurredAt) {}

  /** The phone only for SMS and phone systems; never the e-mail address (mail goes over SMTP). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Customer(String id, String name, String phone) {}

  static String type(String kind) {
    return "customer-message." + kind;
  }
}
