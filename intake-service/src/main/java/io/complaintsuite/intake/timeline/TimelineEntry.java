package io.complaintsuite.intake.timeline;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One thing that happened to a complaint: a message, a note, a state change, an assignment... */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {
  @Id public UUID id;

  @Column(insertable = false, updatable = false)
  public Long seq;

  @Column(name = "complaint_id")
  public UUID complaintId;

  public String kind;
  public String actor;

  @Column(name = "actor_role")
  public String actorRole;

  @Column(name = "occurred_at")
  public OffsetDateTime occurredAt;

  public String text;

  /** JSON object with what changed; null when the kind says it all. */
  public String details;
}
