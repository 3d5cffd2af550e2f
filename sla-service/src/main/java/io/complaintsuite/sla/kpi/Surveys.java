package io.complaintsuite.sla.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.UUID;

/** Keeps the latest survey answer per complaint: its mean rating (CSAT) and NPS score. */
@ApplicationScoped
public class Surveys {
  private final Clock clock;

  public Surveys(Clock clock) {
    this.clock = clock;
  }

  public Uni<Void> answered(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = EventFields.uuid(data, "complaintId");
    BigDecimal csat = meanRating(data.get("ratings"));
    Integer nps = null;
    if (data.hasNonNull("nps")) {
      if (!data.get("nps").isIntegralNumber()
          || data.get("nps").asInt() < 0
          || data.get("nps").asInt() > 10) {
        throw new PoisonEventException("nps must be 0..10");
      }
      nps = data.get("nps").asInt();
    }
    Integer score = nps;
    return SurveyAnswer.<SurveyAnswer>findById(complaintId)
        .chain(
            existing -> {
              SurveyAnswer a = existing != null ? existing : new SurveyAnswer();
              a.complaintId = complaintId;
              a.csat = csat;
              a.nps = score;
              a.department = EventFields.text(data, "department", false);
              a.agent = EventFields.text(data, "agent", false);
              a.channel = EventFields.text(data, "channel", false);
              a.problemType = EventFields.text(data, "problemType", false);
              a.answeredAt =
                  EventFields.time(event, "occurredAt", clock)
                      .truncatedTo(ChronoUnit.MICROS)
                      .atOffset(ZoneOffset.UTC);
              return existing != null ? Uni.createFrom().voidItem() : a.persist().replaceWithVoid();
            });
  }

  static BigDecimal meanRating(JsonNode ratings) {
    if (ratings == null || !ratings.isObject() || ratings.isEmpty()) {
      // Required by survey.answered v1: an answer without ratings would count as no CSAT at all.
      throw new PoisonEventException("ratings must be an object with at least one rating");
    }
    int sum = 0;
    int n = 0;
    for (Iterator<JsonNode> it = ratings.elements(); it.hasNext(); ) {
      JsonNode r = it.next();
      if (!r.isIntegralNumber() || r.asInt() < 1 || r.asInt() > 5) {
        throw new PoisonEventException("ratings must be 1..5");
      }
      sum += r.asInt();
      n++;
    }
    return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
  }
}
