package io.complaintsuite.knowledge.search;

import io.complaintsuite.contracts.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps this replica's index current with changes made by any replica: each {@code
 * knowledge.article-*} event reloads its article from the database (idempotent, so redeliveries and
 * our own events do no harm).
 */
@ApplicationScoped
public class IndexSync {
  private static final Logger LOG = Logger.getLogger(IndexSync.class);
  private static final Set<String> TYPES =
      Set.of(
          EventType.KNOWLEDGE_ARTICLE_PUBLISHED.name(),
          EventType.KNOWLEDGE_ARTICLE_ARCHIVED.name());

  private final SearchIndex index;

  public IndexSync(SearchIndex index) {
    this.index = index;
  }

  @Incoming("index-sync")
  public Uni<Void> onKnowledgeEvent(Message<String> message) {
    IncomingKafkaRecordMetadata<?, ?> metadata =
        message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
    if (metadata == null) {
      return Uni.createFrom().completionStage(message.ack());
    }
    Header type = metadata.getHeaders().lastHeader("ce_type");
    Object key = metadata.getKey();
    if (type == null
        || key == null
        || !TYPES.contains(new String(type.value(), StandardCharsets.UTF_8))) {
      return Uni.createFrom().completionStage(message.ack());
    }
    UUID articleId;
    try {
      articleId = UUID.fromString(key.toString());
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().completionStage(message.ack());
    }
    return index
        .reload(articleId)
        .onFailure()
        .invoke(e -> LOG.warnf("cannot reload article %s into the index: %s", articleId, e))
        .onFailure()
        .recoverWithNull()
        .chain(() -> Uni.createFrom().completionStage(message.ack()));
  }
}
