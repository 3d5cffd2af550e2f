package io.complaintsuite.sla.timer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Routing's latest decision for a complaint: who gets its alerts, its problem type, and whether
 * that type was ever corrected (assignment.reclassified).
 */
@Entity
@Table(name = "sla_assignment")
public class Assignment extends PanacheEntityBase {
  @Id
  @Column(name = "complaint_id")
  public UUID complaintId;

  public String department;
  public String agent;

  @Column(name = "problem_type")
  public String problemType;

  @Column(name = "assigned_at")
  public OffsetDateTime assignedAt;

  /** The type routing decided when the complaint arrived; set by the first correction. */
  @Column(name = "first_problem_type")
  public String firstProblemType;

  /** When the type was first corrected (null: never). */
  @Column(name = "reclassified_at")
  public OffsetDateTime reclassifiedAt;
}
