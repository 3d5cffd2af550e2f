package io.complaintsuite.sla.timer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A running promise on one complaint: first response or resolution. */
@Entity
@Table(name = "sla_timer")
public class SlaTimer extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "complaint_id")
  public UUID complaintId;

  public String number;

  @Convert(converter = TimerKind.Column.class)
  public TimerKind kind;

  public String priority;

  @Column(name = "policy_id")
  public UUID policyId;

  @Column(name = "policy_version")
  public int policyVersion;

  public String calendar;

  @Column(name = "target_minutes")
  public int targetMinutes;

  @Convert(converter = TimerState.Column.class)
  public TimerState state;

  @Column(name = "started_at")
  public OffsetDateTime startedAt;

  @Column(name = "resumed_at")
  public OffsetDateTime resumedAt;

  /** Working time already used, in milliseconds (whole seconds lost time at every pause). */
  @Column(name = "consumed_millis")
  public long consumedMillis;

  @Column(name = "warn_at")
  public OffsetDateTime warnAt;

  @Column(name = "deadline_at")
  public OffsetDateTime deadlineAt;

  /** The next alert the timer owes. */
  @Convert(converter = TimerStage.Column.class)
  public TimerStage stage;

  @Column(name = "escalation_level")
  public int escalationLevel;

  /** Incremented when a reopen restarts the timer. */
  public int cycle;

  @Column(name = "next_fire_at")
  public OffsetDateTime nextFireAt;

  @Column(name = "met_at")
  public OffsetDateTime metAt;

  public String department;
  public String agent;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;
}
