package io.complaintsuite.knowledge.article;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One version of an article's content and its place in the draft-to-archived life. */
@Entity
@Table(name = "article_version")
public class ArticleVersion extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "article_id")
  public UUID articleId;

  public int version;

  @Enumerated(EnumType.STRING)
  public VersionStatus status;

  public String title;
  public String body;
  public String category;

  /** Comma-separated, like the other list columns: they are only ever read whole. */
  public String tags;

  @Column(name = "problem_types")
  public String problemTypes;

  public String channels;

  @Enumerated(EnumType.STRING)
  public Audience audience;

  @Column(name = "valid_from")
  public OffsetDateTime validFrom;

  @Column(name = "valid_until")
  public OffsetDateTime validUntil;

  @Column(name = "review_due")
  public LocalDate reviewDue;

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
