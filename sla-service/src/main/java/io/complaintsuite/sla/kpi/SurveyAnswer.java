package io.complaintsuite.sla.kpi;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer's survey answer: mean rating (1-5) and NPS score (0-10). */
@Entity
@Table(name = "sla_survey")
public class SurveyAnswer extends PanacheEntityBase {
  @Id
  @Column(name = "complaint_id")
  public UUID complaintId;

  public BigDecimal csat;
  public Integer nps;
  public String department;
  public String agent;
  public String channel;

  @Column(name = "problem_type")
  public String problemType;

  @Column(name = "answered_at")
  public OffsetDateTime answeredAt;
}
