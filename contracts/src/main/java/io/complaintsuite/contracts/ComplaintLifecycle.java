package io.complaintsuite.contracts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The events intake-service publishes on {@code complaints} after {@code complaint.received}, one
 * record per type. Every one carries the complaint id, its number, who acted ({@code actor}, a user
 * id, or {@code customer} for the customer via a channel) and when. Schemas: {@code
 * docs/events/complaint.TYPE.v1.json}.
 */
public final class ComplaintLifecycle {
  private ComplaintLifecycle() {}

  /** Who said it: the customer (via a channel), an agent to the customer, or an internal note. */
  public enum Direction {
    @com.fasterxml.jackson.annotation.JsonProperty("from-customer")
    FROM_CUSTOMER,
    @com.fasterxml.jackson.annotation.JsonProperty("to-customer")
    TO_CUSTOMER,
    @com.fasterxml.jackson.annotation.JsonProperty("internal")
    INTERNAL
  }

  /**
   * {@code complaint.message-added}: a customer follow-up, an agent's reply or an internal note.
   */
  public record MessageAdded(
      UUID complaintId,
      String number,
      UUID messageId,
      Direction direction,
      Channel channel,
      String actor,
      String text,
      String status,
      OffsetDateTime occurredAt) {}

  /** {@code complaint.responded}: the first response, the SLA's "responded" moment. */
  public record Responded(
      UUID complaintId,
      String number,
      String actor,
      Priority priority,
      OffsetDateTime occurredAt) {}

  /** {@code complaint.priority-changed}. */
  public record PriorityChanged(
      UUID complaintId,
      String number,
      String actor,
      Priority from,
      Priority to,
      String reason,
      OffsetDateTime occurredAt) {}

  /**
   * {@code complaint.reclassified}: the agent of the complaint or a supervisor says its problem
   * type is {@code problemType}, not what routing decided; routing stores the corrected label and
   * learns from it at the next retraining.
   */
  public record Reclassified(
      UUID complaintId,
      String number,
      String actor,
      String problemType,
      String reason,
      OffsetDateTime occurredAt) {}

  /** {@code complaint.waiting-for-customer}: SLA timers pause until the customer answers. */
  public record WaitingForCustomer(
      UUID complaintId, String number, String actor, String reason, OffsetDateTime occurredAt) {}

  /** Compensation given on resolution (tiered amounts, free upgrade, extended warranty, ...). */
  public record Compensation(String type, BigDecimal amount, String currency, String note) {}

  /** How to reach the customer: survey-service needs it to send the satisfaction survey. */
  public record Contact(String customerId, String name, String phone, String email) {}

  /**
   * {@code complaint.resolved}: carries the contact and the complaint's facts so the survey and SLA
   * services need no join.
   */
  public record Resolved(
      UUID complaintId,
      String number,
      String actor,
      String summary,
      String rootCause,
      Compensation compensation,
      Channel channel,
      String problemType,
      Priority priority,
      String department,
      String agent,
      Contact contact,
      int reopenCount,
      OffsetDateTime receivedAt,
      OffsetDateTime occurredAt) {}

  /** {@code complaint.reopened}: by the customer via a channel, or by an agent. */
  public record Reopened(
      UUID complaintId,
      String number,
      String actor,
      String reason,
      int reopenCount,
      OffsetDateTime occurredAt) {}

  /** {@code complaint.closed}: final; nothing further happens to the complaint. */
  public record Closed(UUID complaintId, String number, String actor, OffsetDateTime occurredAt) {}
}
