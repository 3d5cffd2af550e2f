package io.complaintsuite.knowledge.events;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.Topics;

/** The event types knowledge-service publishes, all on the {@code knowledge} topic. */
public final class KnowledgeEvents {
  public static final EventType ARTICLE_PUBLISHED =
      new EventType("knowledge.article-published", 1, Topics.KNOWLEDGE);
  public static final EventType ARTICLE_ARCHIVED =
      new EventType("knowledge.article-archived", 1, Topics.KNOWLEDGE);
  public static final EventType SUGGESTED =
      new EventType("knowledge.suggested", 1, Topics.KNOWLEDGE);

  private KnowledgeEvents() {}
}
