package io.complaintsuite.intake.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.intake.timeline.Timeline;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Puts the customer's survey answer on the complaint's timeline. */
@ApplicationScoped
public class SurveysConsumer {
  static final String CONSUMER = "intake-service.surveys";

  private final Inbox inbox;
  private final Timeline timeline;
  private final Clock clock;

  public SurveysConsumer(Inbox inbox, Timeline timeline, Clock clock) {
    this.inbox = inbox;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Incoming("surveys-in")
  public Uni<Void> onSurvey(Message<String> message) {
    return inbox.process(message, CONSUMER, Set.of(EventType.SURVEY_ANSWERED.name()), this::apply);
  }

  Uni<Void> apply(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = EventFields.uuid(data, "complaintId");
    JsonNode ratings = data.get("ratings");
    if (ratings == null || !ratings.isObject()) {
      throw new PoisonEventException("survey.answered without ratings");
    }
    Map<String, Object> details = new HashMap<>();
    for (String name : new String[] {"responseSpeed", "attitude", "resolution"}) {
      JsonNode value = ratings.get(name);
      if (value == null || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 5) {
        throw new PoisonEventException("rating " + name + " must be 1 to 5");
      }
      details.put(name, value.asInt());
    }
    if (data.hasNonNull("nps")) {
      JsonNode nps = data.get("nps");
      if (!nps.isIntegralNumber() || nps.asInt() < 0 || nps.asInt() > 10) {
        throw new PoisonEventException("nps must be an integer 0 to 10");
      }
      details.put("nps", nps.asInt());
    }
    JsonNode commentNode = data.get("comment");
    if (commentNode != null && !commentNode.isNull() && !commentNode.isTextual()) {
      throw new PoisonEventException("comment must be a string");
    }
    String comment = commentNode == null || commentNode.isNull() ? null : commentNode.asText();
    return Complaint.<Complaint>findById(complaintId)
        .chain(
            c -> {
              if (c == null) {
                throw new PoisonEventException("survey for an unknown complaint " + complaintId);
              }
              var now = Timestamps.now(clock);
              return timeline
                  .append(
                      c.id, Timeline.SURVEY_ANSWERED, "customer", "customer", now, comment, details)
                  .replaceWithVoid();
            });
  }
}
