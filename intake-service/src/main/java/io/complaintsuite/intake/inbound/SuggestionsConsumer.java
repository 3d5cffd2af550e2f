package io.complaintsuite.intake.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.intake.knowledge.SuggestedArticles;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps knowledge-service's latest suggested articles for each complaint, exactly once (the
 * platform Inbox), for the work order ({@code suggestedArticles}). A suggestion with a later {@code
 * suggestedAt} replaces the stored one; an earlier or equal one (a late or replayed record) is
 * ignored. An unknown complaint or a malformed record is poison (dead-lettered with the reason).
 */
@ApplicationScoped
public class SuggestionsConsumer {
  static final String CONSUMER = "intake-service.knowledge";

  private final Inbox inbox;

  public SuggestionsConsumer(Inbox inbox) {
    this.inbox = inbox;
  }

  @Incoming("knowledge-in")
  public Uni<Void> onSuggestion(Message<String> message) {
    return inbox.process(
        message, CONSUMER, Set.of(EventType.KNOWLEDGE_SUGGESTED.name()), this::apply);
  }

  Uni<Void> apply(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = uuid(data.path("complaintId"));
    OffsetDateTime suggestedAt;
    try {
      suggestedAt = OffsetDateTime.parse(data.path("suggestedAt").asText());
    } catch (DateTimeParseException e) {
      throw new PoisonEventException("suggestedAt is not a date-time");
    }
    JsonNode suggestions = data.get("suggestions");
    if (suggestions == null || !suggestions.isArray()) {
      throw new PoisonEventException("suggestions must be an array");
    }
    List<SuggestedArticles.Article> articles = new ArrayList<>();
    for (JsonNode s : suggestions) {
      if (!s.path("title").isTextual()
          || !s.path("slug").isTextual()
          || !s.path("version").isIntegralNumber()
          || !s.path("score").isNumber()) {
        throw new PoisonEventException("a suggestion needs title, slug, version and score");
      }
      articles.add(
          new SuggestedArticles.Article(
              s.get("title").asText(),
              s.get("slug").asText(),
              s.get("version").asInt(),
              s.get("score").asDouble()));
    }
    return Complaint.<Complaint>findById(complaintId)
        .chain(
            c -> {
              if (c == null) {
                throw new PoisonEventException(
                    "knowledge.suggested for an unknown complaint " + complaintId);
              }
              return SuggestedArticles.<SuggestedArticles>findById(complaintId);
            })
        .chain(
            stored -> {
              if (stored != null && !suggestedAt.isAfter(stored.suggestedAt)) {
                return Uni.createFrom().voidItem(); // older than what the work order shows
              }
              SuggestedArticles s = stored != null ? stored : new SuggestedArticles();
              s.complaintId = complaintId;
              s.suggestedAt = suggestedAt;
              s.set(articles);
              return (stored != null ? Uni.createFrom().item(s) : s.persist()).replaceWithVoid();
            });
  }

  private static UUID uuid(JsonNode node) {
    try {
      return UUID.fromString(node.asText());
    } catch (IllegalArgumentException e) {
      throw new PoisonEventException("complaintId is not a UUID: " + node.asText());
    }
  }
}
