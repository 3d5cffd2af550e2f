package io.complaintsuite.knowledge.search;

import io.complaintsuite.embeddings.SentenceEmbeddings;
import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.knowledge.importing.SeedLoader;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The starter articles in a fresh index, without the service: for evaluation and benchmark. */
public final class SeedIndex {
  private SeedIndex() {}

  public static ChineseAnalysis analysis() {
    return ChineseAnalysis.standard();
  }

  public static IndexedArticle indexed(ArticleInput input, UUID id) {
    return new IndexedArticle(
        id,
        input.slug(),
        1,
        input.kind(),
        input.title(),
        input.body(),
        input.category(),
        input.tags() == null ? List.of() : input.tags(),
        input.problemTypes() == null ? List.of() : input.problemTypes(),
        input.channels() == null ? List.of() : input.channels(),
        input.audience(),
        input.validFrom() == null ? null : input.validFrom().toInstant(),
        input.validUntil() == null ? null : input.validUntil().toInstant());
  }

  /**
   * Opens an index at {@code dir} holding the seed articles (ids derived from slugs), embedded by
   * the JVM's one model.
   */
  public static ArticleIndex open(Path dir, ChineseAnalysis analysis) {
    ArticleIndex index = new ArticleIndex(dir, analysis, SentenceEmbeddings.shared());
    for (ArticleInput input : SeedLoader.articles()) {
      index.put(indexed(input, idOf(input.slug())));
    }
    index.commit(Map.of());
    return index;
  }

  public static UUID idOf(String slug) {
    return UUID.nameUUIDFromBytes(slug.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The instant the labelled set was written for (the 2026 Double Eleven rules are valid). */
  public static final OffsetDateTime EVALUATED_AT =
      OffsetDateTime.parse("2026-11-23T12:00:00+08:00");
}
