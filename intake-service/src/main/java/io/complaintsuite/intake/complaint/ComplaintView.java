package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.ComplaintLifecycle;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.intake.knowledge.SuggestedArticles;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A complaint's full work order as the API shows it. */
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
    String department,
    String agent,
    OffsetDateTime expectedResolutionAt,
    OffsetDateTime receivedAt,
    OffsetDateTime respondedAt,
    OffsetDateTime resolvedAt,
    OffsetDateTime closedAt,
    Resolution resolution,
    int reopenCount,
    int transferRequests,
    List<NewComplaint.AttachmentRef> attachments,
    List<SuggestedArticles.Article> suggestedArticles,
    OffsetDateTime updatedAt,
    long version) {

  /** How the complaint was resolved; null until it is. */
  public record Resolution(
      String summary, String rootCause, ComplaintLifecycle.Compensation compensation) {}

  public static ComplaintView of(Complaint c, List<Attachment> attachments, boolean fullContact) {
    return of(c, attachments, fullContact, List.of());
  }

  /** With knowledge-service's latest suggested articles (empty before any arrived). */
  public static ComplaintView of(
      Complaint c,
      List<Attachment> attachments,
      boolean fullContact,
      List<SuggestedArticles.Article> suggestedArticles) {
    Resolution resolution =
        c.resolutionSummary == null
            ? null
            : new Resolution(
                c.resolutionSummary,
                c.rootCause,
                c.compensationType == null
                    ? null
                    : new ComplaintLifecycle.Compensation(
                        c.compensationType,
                        c.compensationAmount,
                        c.compensationCurrency,
                        c.compensationNote));
    return new ComplaintView(
        c.id,
        c.number,
        c.channel,
        c.form,
        c.externalId,
        customer(c, fullContact),
        c.subject,
        c.description,
        c.problemType,
        c.priority,
        c.status,
        c.department,
        c.agent,
        c.expectedResolutionAt,
        c.receivedAt,
        c.respondedAt,
        c.resolvedAt,
        c.closedAt,
        resolution,
        c.reopenCount,
        c.transferRequests,
        attachments.stream()
            .map(a -> new NewComplaint.AttachmentRef(a.name, a.mediaType, a.sizeBytes, a.url))
            .toList(),
        suggestedArticles,
        c.updatedAt,
        c.version);
  }

  static NewComplaint.Customer customer(Complaint c, boolean fullContact) {
    return new NewComplaint.Customer(
        c.customerId,
        c.customerName,
        fullContact ? c.customerPhone : Masking.phone(c.customerPhone),
        fullContact ? c.customerEmail : Masking.email(c.customerEmail));
  }
}
