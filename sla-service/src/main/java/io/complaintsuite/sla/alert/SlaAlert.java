package io.complaintsuite.sla.alert;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An alert raised for a timer stage: warning (agent), breached (supervisor), escalated; or for a
 * call-back still open at its due time: callback-overdue (supervisor, timer kind "callback").
 */
@Entity
@Table(name = "sla_alert")
public class SlaAlert extends PanacheEntityBase {
  @Id public UUID id;

  /** The timer that raised it; null for a call-back's alert. */
  @Column(name = "timer_id")
  public UUID timerId;

  /** The call-back an overdue call-back alert is about (kind callback-overdue). */
  @Column(name = "callback_id")
  public UUID callbackId;

  @Column(name = "complaint_id")
  public UUID complaintId;

  public String number;

  @Convert(converter = AlertKind.Column.class)
  public AlertKind kind;

  /** The timer's kind (response, resolution), or callback for a call-back's alert. */
  @Column(name = "timer_kind")
  public String timerKind;

  public int level;

  /** Which run of the timer raised it: a reopened complaint starts a new cycle. */
  public int cycle;

  @Column(name = "recipient_role")
  public String recipientRole;

  public String recipient;
  public String department;
  public String priority;

  @Column(name = "policy_version")
  public int policyVersion;

  @Column(name = "deadline_at")
  public OffsetDateTime deadlineAt;

  @Column(name = "due_at")
  public OffsetDateTime dueAt;

  @Column(name = "raised_at")
  public OffsetDateTime raisedAt;

  @Column(name = "acknowledged_by")
  public String acknowledgedBy;

  @Column(name = "acknowledged_at")
  public OffsetDateTime acknowledgedAt;
}
