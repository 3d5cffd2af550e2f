package io.complaintsuite.sla.incident;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A mass incident: a spike of complaints of one problem type. Open until a supervisor posts an
 * update with status resolved; {@code subsidedAt} records when the surge fell back under the spike
 * condition (cleared again if it returns).
 */
@Entity
@Table(name = "sla_incident")
public class Incident extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "problem_type")
  public String problemType;

  public String title;

  @Convert(converter = IncidentStatus.Column.class)
  public IncidentStatus status;

  @Column(name = "detected_at")
  public OffsetDateTime detectedAt;

  /** Complaints of the type in the window when it was detected. */
  @Column(name = "window_count")
  public int windowCount;

  /** The usual count for one window (trailing average) when it was detected. */
  public double baseline;

  @Column(name = "peak_count")
  public int peakCount;

  @Column(name = "subsided_at")
  public OffsetDateTime subsidedAt;

  @Column(name = "resolved_at")
  public OffsetDateTime resolvedAt;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;
}
