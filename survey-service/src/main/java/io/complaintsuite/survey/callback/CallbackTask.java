package io.complaintsuite.survey.callback;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A supervisor's call-back (主管二次回访), one per complaint resolution ({@link CallbackState}): open →
 * claimed → completed with an outcome (reached, not-reached, reopened). {@code reasons}:
 * comma-separated poor-answer, urgent.
 */
@Entity
@Table(name = "callback_task")
public class CallbackTask extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "complaint_id")
  public UUID complaintId;

  public int resolution;
  public String number;

  @Column(name = "survey_id")
  public String surveyId;

  public String reasons;
  public String department;
  public String agent;

  @Column(name = "customer_id")
  public String customerId;

  @Column(name = "customer_name")
  public String customerName;

  public String phone;
  public String email;

  @Convert(converter = CallbackState.Column.class)
  public CallbackState state;

  @Column(name = "due_at")
  public OffsetDateTime dueAt;

  @Column(name = "claimed_by")
  public String claimedBy;

  @Column(name = "claimed_at")
  public OffsetDateTime claimedAt;

  public String outcome;
  public String note;

  @Column(name = "completed_by")
  public String completedBy;

  @Column(name = "completed_at")
  public OffsetDateTime completedAt;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  /** Two supervisors claiming at once: the loser gets a 409, never a silent overwrite. */
  @Version public int version;
}
