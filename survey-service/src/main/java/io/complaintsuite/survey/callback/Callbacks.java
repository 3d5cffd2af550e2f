package io.complaintsuite.survey.callback;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.survey.CallbackOpened;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.survey.facts.ComplaintFacts;
import io.complaintsuite.survey.facts.CustomerContact;
import io.complaintsuite.survey.settings.SurveySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Opens supervisors' call-backs. One active task per complaint resolution: a second reason while
 * the first task is still open or claimed joins it; after a completed call-back a new reason opens
 * a new task (the customer is unhappy again).
 */
@ApplicationScoped
public class Callbacks {
  public static final String URGENT = "urgent";
  public static final String POOR_ANSWER = "poor-answer";

  private final Clock clock;
  private final Outbox outbox;
  private final SurveySettings settings;
  private final MeterRegistry metrics;

  public Callbacks(Clock clock, Outbox outbox, SurveySettings settings, MeterRegistry metrics) {
    this.clock = clock;
    this.outbox = outbox;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Is this answer poor enough for a call-back? (any rating ≤ max, or NPS ≤ max) */
  public boolean poor(int responseSpeed, int attitude, int resolution, Integer nps) {
    int ratingMax = settings.callback().poorRatingMax();
    return responseSpeed <= ratingMax
        || attitude <= ratingMax
        || resolution <= ratingMax
        || (nps != null && nps <= settings.callback().poorNpsMax());
  }

  public Uni<Void> open(ComplaintFacts f, int resolution, String reason, String surveyId) {
    return CallbackTask.<CallbackTask>find(
            "complaintId = ?1 and resolution = ?2 and state <> ?3",
            f.complaintId,
            resolution,
            CallbackState.COMPLETED)
        .firstResult()
        .chain(
            active -> {
              if (active != null) {
                List<String> reasons = new ArrayList<>(Arrays.asList(active.reasons.split(",")));
                if (!reasons.contains(reason)) {
                  reasons.add(reason);
                  active.reasons = String.join(",", reasons);
                }
                if (active.surveyId == null) {
                  active.surveyId = surveyId;
                }
                return Uni.createFrom().voidItem();
              }
              return CustomerContact.<CustomerContact>findById(f.customerId)
                  .chain(contact -> create(f, resolution, reason, surveyId, contact));
            });
  }

  private Uni<Void> create(
      ComplaintFacts f, int resolution, String reason, String surveyId, CustomerContact contact) {
    OffsetDateTime now = Timestamps.now(clock);
    CallbackTask t = new CallbackTask();
    t.id = UUID.randomUUID();
    t.complaintId = f.complaintId;
    t.resolution = resolution;
    t.number = f.number;
    t.surveyId = surveyId;
    t.reasons = reason;
    t.department = f.department;
    t.agent = f.agent;
    t.customerId = f.customerId;
    t.customerName = contact != null && contact.name != null ? contact.name : f.customerName;
    t.phone = contact != null ? contact.phone : null;
    t.email = contact != null ? contact.email : null;
    t.state = CallbackState.OPEN;
    t.dueAt = now.plus(settings.callback().dueWithin());
    t.createdAt = now;
    metrics.counter("survey.callbacks.opened", "reason", reason).increment();
    CallbackOpened data =
        new CallbackOpened(
            t.id,
            t.complaintId,
            t.number,
            surveyId,
            List.of(reason),
            t.department,
            t.agent,
            t.customerId,
            t.dueAt,
            now);
    String key = t.complaintId.toString();
    return t.persist()
        .chain(() -> outbox.append(EventType.SURVEY_CALLBACK_OPENED, key, key, data))
        .replaceWithVoid();
  }
}
