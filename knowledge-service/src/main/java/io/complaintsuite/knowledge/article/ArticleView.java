package io.complaintsuite.knowledge.article;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An article as the API shows it: identity, the published version number and every version. */
public record ArticleView(
    UUID id,
    String slug,
    String kind,
    Integer publishedVersion,
    int latestVersion,
    OffsetDateTime createdAt,
    String createdBy,
    OffsetDateTime updatedAt,
    List<VersionView> versions) {

  /** One version's content and status. */
  public record VersionView(
      int version,
      String status,
      String title,
      String body,
      String category,
      List<String> tags,
      List<String> problemTypes,
      List<String> channels,
      String audience,
      OffsetDateTime validFrom,
      OffsetDateTime validUntil,
      LocalDate reviewDue,
      OffsetDateTime createdAt,
      String createdBy,
      OffsetDateTime updatedAt) {
    static VersionView of(ArticleVersion v) {
      return new VersionView(
          v.version,
          v.status.wire(),
          v.title,
          v.body,
          v.category,
          ArticleInput.split(v.tags),
          ArticleInput.split(v.problemTypes),
          ArticleInput.split(v.channels),
          v.audience.wire(),
          v.validFrom,
          v.validUntil,
          v.reviewDue,
          v.createdAt,
          v.createdBy,
          v.updatedAt);
    }
  }

  /** One line of an article's history. */
  public record HistoryView(int version, String action, String actor, OffsetDateTime at) {}

  static ArticleView of(Article a, List<ArticleVersion> versions) {
    return new ArticleView(
        a.id,
        a.slug,
        a.kind.wire(),
        a.publishedVersion,
        a.latestVersion,
        a.createdAt,
        a.createdBy,
        a.updatedAt,
        versions.stream().map(VersionView::of).toList());
  }
}
