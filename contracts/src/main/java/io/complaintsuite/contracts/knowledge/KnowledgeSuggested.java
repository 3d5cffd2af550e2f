package io.complaintsuite.contracts.knowledge;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code knowledge.suggested} v1 on {@code knowledge}: the articles (reply scripts first among
 * equals) an agent should see next to a complaint, best first, at most three. Key: the complaint
 * id. Schema: {@code docs/events/knowledge.suggested.v1.json}.
 */
public record KnowledgeSuggested(
    UUID complaintId,
    String complaintNumber,
    List<Suggestion> suggestions,
    OffsetDateTime suggestedAt) {

  /** One suggested article version and its relevance score (0..1, relative to the best). */
  public record Suggestion(
      UUID articleId,
      String slug,
      int version,
      String kind,
      String title,
      String snippet,
      double score) {}
}
