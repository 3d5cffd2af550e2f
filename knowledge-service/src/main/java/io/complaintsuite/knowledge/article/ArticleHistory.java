package io.complaintsuite.knowledge.article;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Who did what to which version of an article, and when. */
@Entity
@Table(name = "article_history")
public class ArticleHistory extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "article_id")
  public UUID articleId;

  public int version;
  public String action;
  public String actor;

  @Column(name = "at")
  public OffsetDateTime at;
}
