package io.complaintsuite.routing.department;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A problem type, the department that owns it and its default priority grade. */
@Entity
@Table(name = "problem_type")
public class ProblemType extends PanacheEntityBase {
  @Id public String code;
  public String name;
  public String department;

  @Column(name = "default_priority")
  public String defaultPriority;

  public String description;
}
