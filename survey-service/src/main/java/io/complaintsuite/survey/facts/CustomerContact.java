package io.complaintsuite.survey.facts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** How to reach a customer: from the latest {@code complaint.resolved}, the only event with it. */
@Entity
@Table(name = "customer_contact")
public class CustomerContact extends PanacheEntityBase {
  @Id
  @Column(name = "customer_id")
  public String customerId;

  public String name;
  public String phone;
  public String email;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;
}
