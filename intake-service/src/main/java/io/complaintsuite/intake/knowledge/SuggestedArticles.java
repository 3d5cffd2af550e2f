package io.complaintsuite.intake.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The latest articles knowledge-service suggested for a complaint ({@code knowledge.suggested}).
 */
@Entity
@Table(name = "suggested_articles")
public class SuggestedArticles extends PanacheEntityBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Article>> LIST = new TypeReference<>() {};

  /** One article as the work order shows it: {@code {title, slug, version, score}}. */
  public record Article(String title, String slug, int version, double score) {}

  @Id
  @Column(name = "complaint_id")
  public UUID complaintId;

  @Column(name = "suggested_at")
  public OffsetDateTime suggestedAt;

  /** JSON array of {@link Article}, best first. */
  public String articles;

  public List<Article> list() {
    try {
      return JSON.readValue(articles, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public void set(List<Article> list) {
    try {
      articles = JSON.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The complaint's suggested articles; empty before any arrived. Call inside a session. */
  public static Uni<List<Article>> of(UUID complaintId) {
    return SuggestedArticles.<SuggestedArticles>findById(complaintId)
        .map(s -> s == null ? List.<Article>of() : s.list());
  }
}
