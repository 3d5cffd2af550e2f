package io.complaintsuite.knowledge.events;

import io.complaintsuite.contracts.EventType;

/** The event types knowledge-service publishes, all on the {@code knowledge} topic. */
public final class KnowledgeEvents {
  public static final EventType ARTICLE_PUBLISHED = EventType.KNOWLEDGE_ARTICLE_PUBLISHED;
  public static final EventType ARTICLE_ARCHIVED = EventType.KNOWLEDGE_ARTICLE_ARCHIVED;
  public static final EventType SUGGESTED = EventType.KNOWLEDGE_SUGGESTED;

  private KnowledgeEvents() {}
}
