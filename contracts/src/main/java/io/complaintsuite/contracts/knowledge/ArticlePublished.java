package io.complaintsuite.contracts.knowledge;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code knowledge.article-published} v1 on {@code knowledge}: a version of an article is now the
 * one served; the version it superseded (if any) is archived. Key: the article id. Schema: {@code
 * docs/events/knowledge.article-published.v1.json}.
 */
public record ArticlePublished(
    UUID articleId,
    String slug,
    int version,
    Integer supersededVersion,
    String kind,
    String title,
    String category,
    String audience,
    OffsetDateTime validFrom,
    OffsetDateTime validUntil,
    String publishedBy,
    OffsetDateTime publishedAt) {}
