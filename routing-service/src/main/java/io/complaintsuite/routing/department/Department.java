package io.complaintsuite.routing.department;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;

/** A department that takes complaints (tech-support, billing, legal, pr, ...). */
@Entity
public class Department extends PanacheEntityBase {
  @Id public String code;
  public String name;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;
}
