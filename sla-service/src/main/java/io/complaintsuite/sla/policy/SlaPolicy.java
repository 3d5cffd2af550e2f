package io.complaintsuite.sla.policy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One version of the targets for a priority grade; never updated, a change is a new version. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy extends PanacheEntityBase {
  @Id public UUID id;
  public String priority;
  public int version;

  @Column(name = "response_minutes")
  public int responseMinutes;

  @Column(name = "response_calendar")
  public String responseCalendar;

  @Column(name = "resolution_minutes")
  public int resolutionMinutes;

  @Column(name = "resolution_calendar")
  public String resolutionCalendar;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  /** The version in force for {@code priority}: the highest. */
  public static Uni<SlaPolicy> current(String priority) {
    return find("priority = ?1 order by version desc", priority).firstResult();
  }

  public static Uni<List<SlaPolicy>> currentAll() {
    return list(
        "from SlaPolicy p where p.version = (select max(q.version) from SlaPolicy q"
            + " where q.priority = p.priority) order by p.priority");
  }
}
