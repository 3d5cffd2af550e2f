package io.complaintsuite.contracts.knowledge;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code knowledge.article-archived} v1 on {@code knowledge}: the published version of an article
 * was withdrawn; the article is served no more. Key: the article id. Schema: {@code
 * docs/events/knowledge.article-archived.v1.json}.
 */
public record ArticleArchived(
    UUID articleId, String slug, int version, String archivedBy, OffsetDateTime archivedAt) {}
