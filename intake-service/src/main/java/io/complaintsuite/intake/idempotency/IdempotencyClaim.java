package io.complaintsuite.intake.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A key under which a complaint was received; a retry with the same key finds it again. */
@Entity
@Table(name = "idempotency_claim")
public class IdempotencyClaim extends PanacheEntityBase {
  @Id public String claim;

  @Column(name = "complaint_id")
  public UUID complaintId;

  @Column(name = "request_hash")
  public String requestHash;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "result_id")
  public UUID resultId;
}
