package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.Priority;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A complaint as the API shows it to channels and agents. */
public record ComplaintView(
    UUID id,
    String number,
    Channel channel,
    Channel.Form form,
    String externalId,
    NewComplaint.Customer customer,
    String subject,
    String description,
    String problemType,
    Priority priority,
    ComplaintStatus status,
    OffsetDateTime expectedResolutionAt,
    OffsetDateTime receivedAt,
    OffsetDateTime updatedAt,
    long version) {

  static ComplaintView of(Complaint c) {
    return new ComplaintView(
        c.id,
        c.number,
        c.channel,
        c.form,
        c.externalId,
        new NewComplaint.Customer(c.customerId, c.customerName, c.customerPhone, c.customerEmail),
        c.subject,
        c.description,
        c.problemType,
        c.priority,
        c.status,
        c.expectedResolutionAt,
        c.receivedAt,
        c.updatedAt,
        c.version);
  }
}
