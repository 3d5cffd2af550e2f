package io.complaintsuite.knowledge.search;

import java.util.List;
import java.util.UUID;

/** One search result: the article version, its relevance and a highlighted snippet. */
public record SearchHit(
    UUID articleId,
    String slug,
    int version,
    String kind,
    String title,
    String category,
    List<String> tags,
    String audience,
    double score,
    String snippet,
    String highlightedTitle) {}
