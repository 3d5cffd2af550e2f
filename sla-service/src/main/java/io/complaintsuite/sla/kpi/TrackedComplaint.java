package io.complaintsuite.sla.kpi;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The facts of one complaint that KPIs are computed from. */
@Entity
@Table(name = "sla_complaint")
public class TrackedComplaint extends PanacheEntityBase {
  @Id
  @Column(name = "complaint_id")
  public UUID complaintId;

  public String number;
  public String priority;
  public String channel;

  @Column(name = "problem_type")
  public String problemType;

  public String department;
  public String agent;

  @Column(name = "received_at")
  public OffsetDateTime receivedAt;

  @Column(name = "responded_at")
  public OffsetDateTime respondedAt;

  @Column(name = "resolved_at")
  public OffsetDateTime resolvedAt;

  @Column(name = "closed_at")
  public OffsetDateTime closedAt;

  /** The customer's expected resolution time, if they gave one (complaint.received). */
  @Column(name = "expected_resolution_at")
  public OffsetDateTime expectedResolutionAt;

  /**
   * When routing's first problem type was first corrected (assignment.reclassified; null: never):
   * the complaint does not count as "first classification right".
   */
  @Column(name = "reclassified_at")
  public OffsetDateTime reclassifiedAt;

  /** The type routing decided when the complaint arrived, once it was corrected. */
  @Column(name = "first_problem_type")
  public String firstProblemType;

  @Column(name = "reopen_count")
  public int reopenCount;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;
}
