package io.complaintsuite.knowledge.suggestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.knowledge.KnowledgeSuggested;
import io.complaintsuite.knowledge.events.KnowledgeEvents;
import io.complaintsuite.knowledge.search.SearchHit;
import io.complaintsuite.knowledge.search.SearchIndex;
import io.complaintsuite.knowledge.search.SearchRequest;
import io.complaintsuite.knowledge.settings.KnowledgeSettings;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * For each {@code complaint.received}, the articles an agent should see next to the complaint:
 * found by the same hybrid search as {@code GET /search} (words and meaning, fused) with its
 * subject and description (and channel), published as {@code knowledge.suggested} keyed by the
 * complaint id, each with its fused score relative to the first's. Exactly once per event through
 * the inbox.
 */
@ApplicationScoped
public class ComplaintSuggestions {
  static final String CONSUMER = "knowledge-suggestions";

  /** Long descriptions are cut: the first sentences carry the topic, and queries stay fast. */
  static final int MAX_QUERY = 200;

  private final Inbox inbox;
  private final Outbox outbox;
  private final SearchIndex index;
  private final ObjectMapper json;
  private final Clock clock;
  private final int count;

  public ComplaintSuggestions(
      Inbox inbox,
      Outbox outbox,
      SearchIndex index,
      ObjectMapper json,
      Clock clock,
      KnowledgeSettings settings) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.index = index;
    this.json = json;
    this.clock = clock;
    this.count = settings.suggestions().count();
  }

  @Incoming("complaints")
  public Uni<Void> onComplaint(Message<String> message) {
    return inbox.process(
        message, CONSUMER, Set.of(EventType.COMPLAINT_RECEIVED.name()), event -> suggest(event));
  }

  private Uni<Void> suggest(InboundEvent event) {
    ComplaintReceived complaint = event.dataAs(json, ComplaintReceived.class);
    if (complaint.complaintId() == null) {
      throw new PoisonEventException("complaint.received without complaintId");
    }
    String text =
        ((complaint.subject() == null ? "" : complaint.subject())
                + " "
                + (complaint.description() == null ? "" : complaint.description()))
            .strip();
    if (text.length() > MAX_QUERY) {
      text = text.substring(0, MAX_QUERY);
    }
    String channel =
        complaint.channel() == null
            ? null
            : complaint.channel().name().toLowerCase(Locale.ROOT).replace('_', '-');
    List<SearchHit> hits =
        text.isEmpty()
            ? List.of()
            : index.search(new SearchRequest(text, null, null, channel, null, count));
    double best = hits.isEmpty() ? 1 : hits.get(0).score();
    List<KnowledgeSuggested.Suggestion> suggestions =
        hits.stream()
            .map(
                h ->
                    new KnowledgeSuggested.Suggestion(
                        h.articleId(),
                        h.slug(),
                        h.version(),
                        h.kind(),
                        h.title(),
                        h.snippet(),
                        Math.round(h.score() / best * 1000) / 1000.0))
            .toList();
    String key = complaint.complaintId().toString();
    return outbox
        .append(
            KnowledgeEvents.SUGGESTED,
            key,
            key,
            new KnowledgeSuggested(
                complaint.complaintId(), complaint.number(), suggestions, Timestamps.now(clock)))
        .replaceWithVoid();
  }
}
