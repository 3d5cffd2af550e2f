package io.complaintsuite.survey.schedule;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One survey per complaint resolution. {@code state} ({@link SurveyState}): scheduled → sent →
 * answered; or cancelled (a reopen came first), or skipped with {@code skipReason} fatigue,
 * no-contact or too-late.
 */
@Entity
@Table(name = "survey")
public class Survey extends PanacheEntityBase {
  @Id public String id;

  @Column(name = "complaint_id")
  public UUID complaintId;

  /** The complaint's reopen count when it was resolved: tells resolutions apart. */
  public int resolution;

  public String number;

  @Column(name = "customer_id")
  public String customerId;

  /** The complaint's channel (phone, web-chat, app, ...). */
  public String channel;

  @Column(name = "problem_type")
  public String problemType;

  public String priority;
  public String department;
  public String agent;

  @Convert(converter = SurveyState.Column.class)
  public SurveyState state;

  @Column(name = "skip_reason")
  public String skipReason;

  @Column(name = "resolved_at")
  public OffsetDateTime resolvedAt;

  @Column(name = "due_at")
  public OffsetDateTime dueAt;

  /** How the invitation went: sms, app-push, email. */
  public String delivery;

  @Column(name = "sent_at")
  public OffsetDateTime sentAt;

  @Column(name = "expires_at")
  public OffsetDateTime expiresAt;

  @Column(name = "answered_at")
  public OffsetDateTime answeredAt;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;
}
