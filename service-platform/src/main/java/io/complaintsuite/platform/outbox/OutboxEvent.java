package io.complaintsuite.platform.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An event waiting in the outbox (or already published, until cleaned up). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
  @Id public UUID id;

  @Column(insertable = false, updatable = false)
  public Long seq;

  public String topic;

  @Column(name = "record_key")
  public String recordKey;

  public String type;
  public String subject;
  public String dataschema;
  public String payload;

  @Column(name = "occurred_at")
  public OffsetDateTime occurredAt;

  @Column(name = "published_at")
  public OffsetDateTime publishedAt;

  public int attempts;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "trace_parent")
  public String traceParent;
}
