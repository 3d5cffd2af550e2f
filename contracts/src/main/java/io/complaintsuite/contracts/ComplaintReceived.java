package io.complaintsuite.contracts;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code complaint.received} v1 on {@code complaints}: a channel's complaint was committed. The
 * customer's phone and e-mail stay in intake: none of this event's consumers needs them. Schema:
 * {@code docs/events/complaint.received.v1.json}.
 */
public record ComplaintReceived(
    UUID complaintId,
    String number,
    Channel channel,
    Channel.Form form,
    String externalId,
    Customer customer,
    String subject,
    String description,
    String problemType,
    Priority priority,
    boolean priorityGiven,
    OffsetDateTime expectedResolutionAt,
    OffsetDateTime receivedAt) {

  /** The customer as downstream services need them: identity and display name only. */
  public record Customer(String id, String name) {}
}
