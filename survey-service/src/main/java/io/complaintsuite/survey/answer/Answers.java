package io.complaintsuite.survey.answer;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.survey.SurveyAnswered;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.survey.callback.Callbacks;
import io.complaintsuite.survey.facts.ComplaintFacts;
import io.complaintsuite.survey.schedule.Survey;
import io.complaintsuite.survey.schedule.SurveyState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Records a customer's answer exactly once: the insert of the answer row (primary key = survey) is
 * the single-use guard, so a double submit, a replayed form or two tabs racing record one answer;
 * the answer, the survey's state, {@code survey.answered} and a call-back for a poor answer commit
 * together.
 */
@ApplicationScoped
public class Answers {
  public enum Outcome {
    RECORDED,
    ALREADY_ANSWERED,
    /** Signed by us but no longer answerable: cancelled, skipped, never sent, or unknown here. */
    UNAVAILABLE
  }

  public record Result(Outcome outcome, boolean callback) {}

  /** A validated answer. */
  public record Answer(
      int responseSpeed, int attitude, int resolution, Integer nps, String comment) {}

  private final Clock clock;
  private final Outbox outbox;
  private final Callbacks callbacks;
  private final MeterRegistry metrics;

  public Answers(Clock clock, Outbox outbox, Callbacks callbacks, MeterRegistry metrics) {
    this.clock = clock;
    this.outbox = outbox;
    this.callbacks = callbacks;
    this.metrics = metrics;
  }

  /** The survey behind a link, for the page (null when unknown). */
  public Uni<Survey> find(String surveyId) {
    return Panache.withSession(() -> Survey.<Survey>findById(surveyId));
  }

  public Uni<Result> submit(String surveyId, Answer answer) {
    return Panache.withTransaction(
        () ->
            Survey.<Survey>findById(surveyId)
                .chain(
                    s -> {
                      if (s == null) {
                        return result(Outcome.UNAVAILABLE, false);
                      }
                      if (s.state == SurveyState.ANSWERED) {
                        return result(Outcome.ALREADY_ANSWERED, false);
                      }
                      if (s.state != SurveyState.SENT) {
                        return result(Outcome.UNAVAILABLE, false);
                      }
                      return record(s, answer);
                    }));
  }

  private Uni<Result> record(Survey s, Answer a) {
    OffsetDateTime now = Timestamps.now(clock);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into survey_answer (survey_id, complaint_id, response_speed,"
                            + " attitude, resolution, nps, comment, answered_at)"
                            + " values (:survey, :complaint, :speed, :attitude, :resolution, :nps,"
                            + " :comment, :now) on conflict (survey_id) do nothing")
                    .setParameter("survey", s.id)
                    .setParameter("complaint", s.complaintId)
                    .setParameter("speed", a.responseSpeed())
                    .setParameter("attitude", a.attitude())
                    .setParameter("resolution", a.resolution())
                    .setParameter("nps", a.nps())
                    .setParameter("comment", a.comment())
                    .setParameter("now", now)
                    .executeUpdate())
        .chain(
            inserted -> {
              if (inserted == 0) {
                // A concurrent submit committed first: this one records nothing.
                return result(Outcome.ALREADY_ANSWERED, false);
              }
              s.state = SurveyState.ANSWERED;
              s.answeredAt = now;
              s.updatedAt = now;
              metrics.counter("survey.answered").increment();
              SurveyAnswered event =
                  new SurveyAnswered(
                      s.complaintId,
                      s.id,
                      new SurveyAnswered.Ratings(a.responseSpeed(), a.attitude(), a.resolution()),
                      a.nps(),
                      a.comment(),
                      s.department,
                      s.agent,
                      s.channel,
                      s.problemType,
                      now);
              String key = s.complaintId.toString();
              Uni<Void> published =
                  outbox.append(EventType.SURVEY_ANSWERED, key, key, event).replaceWithVoid();
              boolean poor =
                  callbacks.poor(a.responseSpeed(), a.attitude(), a.resolution(), a.nps());
              if (!poor) {
                return published.replaceWith(new Result(Outcome.RECORDED, false));
              }
              return published
                  .chain(() -> ComplaintFacts.<ComplaintFacts>findById(s.complaintId))
                  .chain(
                      f -> callbacks.open(factsOf(s, f), s.resolution, Callbacks.POOR_ANSWER, s.id))
                  .replaceWith(new Result(Outcome.RECORDED, true));
            });
  }

  /** The survey's snapshot of the complaint, with the customer's name from the facts. */
  private static ComplaintFacts factsOf(Survey s, ComplaintFacts known) {
    ComplaintFacts f = new ComplaintFacts();
    f.complaintId = s.complaintId;
    f.number = s.number;
    f.customerId = s.customerId;
    f.customerName = known == null ? null : known.customerName;
    f.department = s.department;
    f.agent = s.agent;
    f.priority = s.priority;
    f.channel = s.channel;
    f.problemType = s.problemType;
    return f;
  }

  private static Uni<Result> result(Outcome outcome, boolean callback) {
    return Uni.createFrom().item(new Result(outcome, callback));
  }
}
