package io.complaintsuite.knowledge.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The published version of an article, as the search index holds it. */
public record IndexedArticle(
    UUID articleId,
    String slug,
    int version,
    String kind,
    String title,
    String body,
    String category,
    List<String> tags,
    List<String> problemTypes,
    List<String> channels,
    String audience,
    Instant validFrom,
    Instant validUntil) {}
