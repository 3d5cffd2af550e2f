package io.complaintsuite.knowledge.article;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An article's identity and type; its content is in {@link ArticleVersion}s. */
@Entity
@Table(name = "article")
public class Article extends PanacheEntityBase {
  @Id public UUID id;

  public String slug;

  @Enumerated(EnumType.STRING)
  public ArticleKind kind;

  @Column(name = "published_version")
  public Integer publishedVersion;

  @Column(name = "latest_version")
  public int latestVersion;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;
}
