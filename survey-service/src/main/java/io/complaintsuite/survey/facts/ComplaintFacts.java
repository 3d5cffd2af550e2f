package io.complaintsuite.survey.facts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What this service knows of a complaint, kept from the events it consumes. */
@Entity
@Table(name = "complaint_facts")
public class ComplaintFacts extends PanacheEntityBase {
  @Id
  @Column(name = "complaint_id")
  public UUID complaintId;

  public String number;

  @Column(name = "customer_id")
  public String customerId;

  @Column(name = "customer_name")
  public String customerName;

  public String channel;

  @Column(name = "problem_type")
  public String problemType;

  public String priority;
  public String department;
  public String agent;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;
}
