package io.complaintsuite.survey.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.survey.callback.Callbacks;
import io.complaintsuite.survey.facts.ComplaintFacts;
import io.complaintsuite.survey.facts.Facts;
import io.complaintsuite.survey.settings.SurveySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The trigger: a resolution schedules one survey (keyed by complaint and reopen count, so a
 * redelivered or repeated resolution never schedules a second one), due after the delay and out of
 * quiet hours; a reopen cancels the surveys still waiting. The sender applies fatigue and contact
 * rules when the survey falls due ({@link SurveySender}).
 */
@ApplicationScoped
public class Surveys {
  private final Clock clock;
  private final Facts facts;
  private final Callbacks callbacks;
  private final SurveySettings settings;
  private final SurveyTiming timing;
  private final MeterRegistry metrics;

  public Surveys(
      Clock clock,
      Facts facts,
      Callbacks callbacks,
      SurveySettings settings,
      MeterRegistry metrics) {
    this.clock = clock;
    this.facts = facts;
    this.callbacks = callbacks;
    this.settings = settings;
    this.metrics = metrics;
    this.timing = timing(settings);
  }

  public static SurveyTiming timing(SurveySettings settings) {
    return new SurveyTiming(
        settings.delay(),
        settings.quietHours().start(),
        settings.quietHours().end(),
        settings.zone());
  }

  public Uni<Void> resolved(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = EventFields.uuid(data, "complaintId");
    JsonNode contact = EventFields.object(data, "contact", true);
    int resolution = EventFields.integer(data, "reopenCount");
    if (resolution < 0) {
      throw new PoisonEventException("reopenCount must not be negative");
    }
    Facts.Resolution r =
        new Facts.Resolution(
            EventFields.text(data, "number", false),
            EventFields.text(contact, "customerId", true),
            EventFields.text(contact, "name", false),
            EventFields.text(contact, "phone", false),
            EventFields.text(contact, "email", false),
            EventFields.text(data, "channel", false),
            EventFields.text(data, "problemType", false),
            EventFields.priority(data, "priority", false),
            EventFields.text(data, "department", false),
            EventFields.text(data, "agent", false));
    Instant resolvedAt = EventFields.time(event, "occurredAt", clock);
    return facts
        .resolved(complaintId, r)
        .chain(
            f ->
                Survey.<Survey>find("complaintId = ?1 and resolution = ?2", complaintId, resolution)
                    .firstResult()
                    .chain(
                        existing ->
                            existing != null
                                ? Uni.createFrom().voidItem()
                                : schedule(f, resolution, resolvedAt)));
  }

  private Uni<Void> schedule(ComplaintFacts f, int resolution, Instant resolvedAt) {
    OffsetDateTime now = Timestamps.now(clock);
    Survey s = new Survey();
    s.id = "SV-" + UUID.randomUUID().toString().replace("-", "");
    s.complaintId = f.complaintId;
    s.resolution = resolution;
    s.number = f.number;
    s.customerId = f.customerId;
    s.channel = f.channel;
    s.problemType = f.problemType;
    s.priority = f.priority;
    s.department = f.department;
    s.agent = f.agent;
    s.state = SurveyState.SCHEDULED;
    s.resolvedAt = resolvedAt.atOffset(ZoneOffset.UTC);
    s.dueAt = timing.dueAt(resolvedAt, now.toInstant()).atOffset(ZoneOffset.UTC);
    s.updatedAt = now;
    metrics.counter("survey.scheduled").increment();
    Uni<Void> persisted = s.persist().replaceWithVoid();
    if ("urgent".equals(f.priority) && settings.callback().onUrgent()) {
      // An urgent complaint gets the supervisor's call-back whatever the customer answers.
      return persisted.chain(() -> callbacks.open(f, resolution, Callbacks.URGENT, null));
    }
    return persisted;
  }

  public Uni<Void> reopened(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = EventFields.uuid(data, "complaintId");
    int reopenCount = EventFields.integer(data, "reopenCount");
    return Survey.update(
            "state = ?1, skipReason = 'reopened', updatedAt = ?2"
                + " where complaintId = ?3 and state = ?4 and resolution < ?5",
            SurveyState.CANCELLED,
            Timestamps.now(clock),
            complaintId,
            SurveyState.SCHEDULED,
            reopenCount)
        .invoke(n -> metrics.counter("survey.cancelled").increment(n))
        .replaceWithVoid();
  }
}
