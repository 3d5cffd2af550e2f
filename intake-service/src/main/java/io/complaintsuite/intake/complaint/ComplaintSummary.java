package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.Priority;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A complaint in a list: contact data always masked. */
public record ComplaintSummary(
    UUID id,
    String number,
    Channel channel,
    ComplaintStatus status,
    Priority priority,
    String problemType,
    String subject,
    NewComplaint.Customer customer,
    String department,
    String agent,
    OffsetDateTime receivedAt,
    OffsetDateTime updatedAt) {

  public static ComplaintSummary of(Complaint c) {
    return new ComplaintSummary(
        c.id,
        c.number,
        c.channel,
        c.status,
        c.priority,
        c.problemType,
        c.subject,
        ComplaintView.customer(c, false),
        c.department,
        c.agent,
        c.receivedAt,
        c.updatedAt);
  }
}
