package io.complaintsuite.knowledge.search;

/**
 * A search: the words, optional filters (null = any), and how many hits. {@code audience}
 * "customer" keeps agent-only articles out; null shows both.
 */
public record SearchRequest(
    String query, String category, String kind, String channel, String audience, int limit) {
  public static SearchRequest of(String query, int limit) {
    return new SearchRequest(query, null, null, null, null, limit);
  }
}
