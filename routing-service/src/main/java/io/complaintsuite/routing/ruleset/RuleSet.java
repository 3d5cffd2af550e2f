package io.complaintsuite.routing.ruleset;

import io.complaintsuite.routing.rules.Rule;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A version of the routing rules: draft until activated, then active, then retired. */
@Entity
@Table(name = "rule_set")
public class RuleSet extends PanacheEntityBase {
  public static final String DRAFT = "draft";
  public static final String ACTIVE = "active";
  public static final String RETIRED = "retired";

  @Id public int version;
  public String status;
  public String description;

  /** JSON array of {@link Rule}. */
  public String rules;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "activated_at")
  public OffsetDateTime activatedAt;
}
