package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.Priority;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A complaint's work order as intake owns it. */
@Entity
@Table(name = "complaint")
public class Complaint extends PanacheEntityBase {
  @Id public UUID id;

  public String number;

  @Enumerated(EnumType.STRING)
  public Channel channel;

  @Enumerated(EnumType.STRING)
  public Channel.Form form;

  @Column(name = "external_id")
  public String externalId;

  @Column(name = "customer_id")
  public String customerId;

  @Column(name = "customer_name")
  public String customerName;

  @Column(name = "customer_phone")
  public String customerPhone;

  @Column(name = "customer_email")
  public String customerEmail;

  public String subject;
  public String description;

  @Column(name = "problem_type")
  public String problemType;

  @Enumerated(EnumType.STRING)
  public Priority priority;

  @Column(name = "priority_given")
  public boolean priorityGiven;

  @Enumerated(EnumType.STRING)
  public ComplaintStatus status;

  @Column(name = "expected_resolution_at")
  public OffsetDateTime expectedResolutionAt;

  @Column(name = "received_at")
  public OffsetDateTime receivedAt;

  @Column(name = "received_by")
  public String receivedBy;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  public String department;
  public String agent;

  @Column(name = "responded_at")
  public OffsetDateTime respondedAt;

  @Column(name = "resolved_at")
  public OffsetDateTime resolvedAt;

  @Column(name = "closed_at")
  public OffsetDateTime closedAt;

  @Column(name = "reopen_count")
  public int reopenCount;

  @Column(name = "transfer_requests")
  public int transferRequests;

  @Column(name = "resolution_summary")
  public String resolutionSummary;

  @Column(name = "root_cause")
  public String rootCause;

  @Column(name = "compensation_type")
  public String compensationType;

  @Column(name = "compensation_amount")
  public BigDecimal compensationAmount;

  @Column(name = "compensation_currency")
  public String compensationCurrency;

  @Column(name = "compensation_note")
  public String compensationNote;

  @Version public long version;
}
