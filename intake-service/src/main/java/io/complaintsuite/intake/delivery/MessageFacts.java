package io.complaintsuite.intake.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What one message to a customer is about, fixed when the event is consumed: the complaint's own
 * fields and the event's customer-facing text only (never internal notes, root causes or another
 * customer's data). Phone and e-mail are kept only for the route that needs them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageFacts(
    String kind,
    UUID complaintId,
    String number,
    String channel,
    String externalId,
    String customerId,
    String customerName,
    String phone,
    String email,
    String complaintSubject,
    String text,
    String link,
    String subject,
    String locale,
    OffsetDateTime expiresAt,
    OffsetDateTime occurredAt) {}
