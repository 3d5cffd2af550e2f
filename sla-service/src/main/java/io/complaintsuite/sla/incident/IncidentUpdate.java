package io.complaintsuite.sla.incident;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A supervisor's progress update on an incident, as published in sla.incident-updated. */
@Entity
@Table(name = "sla_incident_update")
public class IncidentUpdate extends PanacheEntityBase {
  @Id public UUID id;

  /** Insertion order, assigned by the database (bigserial). */
  @Column(insertable = false, updatable = false)
  public Long seq;

  @Column(name = "incident_id")
  public UUID incidentId;

  @Convert(converter = IncidentStatus.Column.class)
  public IncidentStatus status;

  public String message;

  @Column(name = "posted_by")
  public String postedBy;

  @Column(name = "posted_at")
  public OffsetDateTime postedAt;

  @Column(name = "member_count")
  public int memberCount;
}
