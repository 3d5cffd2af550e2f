package io.complaintsuite.survey.schedule;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.survey.NotificationRequested;
import io.complaintsuite.contracts.survey.SurveySent;
import io.complaintsuite.platform.lock.AdvisoryLock;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.survey.facts.CustomerContact;
import io.complaintsuite.survey.notification.Deliveries;
import io.complaintsuite.survey.settings.SurveySettings;
import io.complaintsuite.survey.token.SurveyTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Sends the surveys that fell due. Each run claims due rows with {@code FOR UPDATE SKIP LOCKED} in
 * one transaction that also decides (quiet hours, send window, fatigue, contact), signs the link
 * and writes {@code notification.requested} and {@code survey.sent} to the outbox: replicas take
 * disjoint rows, and a replica dying mid-run rolls back so another sends them later. Fatigue is
 * decided under a per-customer advisory lock, so two replicas sending two surveys of one customer
 * at the same moment still send only one.
 */
@ApplicationScoped
public class SurveySender {
  public static final String CLAIM_SQL =
      "select * from survey where state = '"
          + SurveyState.SCHEDULED.dbValue()
          + "' and due_at <= :now"
          + " order by due_at limit :limit for update skip locked";

  private final Clock clock;
  private final Outbox outbox;
  private final SurveyTokens tokens;
  private final SurveySettings settings;
  private final SurveyTiming timing;
  private final MeterRegistry metrics;

  public SurveySender(
      Clock clock,
      Outbox outbox,
      SurveyTokens tokens,
      SurveySettings settings,
      MeterRegistry metrics) {
    this.clock = clock;
    this.outbox = outbox;
    this.tokens = tokens;
    this.settings = settings;
    this.metrics = metrics;
    this.timing = Surveys.timing(settings);
  }

  @Scheduled(
      identity = "survey-sender",
      every = "${survey.sender.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return sendUntilDrained(20);
  }

  public Uni<Void> sendUntilDrained(int maxBatches) {
    if (maxBatches <= 0) {
      return Uni.createFrom().voidItem();
    }
    int batch = settings.sender().batchSize();
    return sendOnce()
        .chain(n -> n >= batch ? sendUntilDrained(maxBatches - 1) : Uni.createFrom().voidItem());
  }

  /** One claim of due surveys; returns how many were looked at. */
  public Uni<Integer> sendOnce() {
    OffsetDateTime now = Timestamps.now(clock);
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(CLAIM_SQL, Survey.class)
                            .setParameter("now", now.withOffsetSameInstant(ZoneOffset.UTC))
                            .setParameter("limit", settings.sender().batchSize())
                            .getResultList())
                .chain(surveys -> decideAll(surveys, now).replaceWith(surveys.size())));
  }

  private Uni<Void> decideAll(List<Survey> surveys, OffsetDateTime now) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Survey s : surveys) {
      // One after the other: the fatigue check must see the survey sent just before.
      chain = chain.chain(() -> decide(s, now)).chain(Panache::flush);
    }
    return chain;
  }

  private Uni<Void> decide(Survey s, OffsetDateTime now) {
    s.updatedAt = now;
    Instant instant = now.toInstant();
    if (instant.isAfter(s.resolvedAt.toInstant().plus(settings.sendWindow()))) {
      return skip(s, "too-late");
    }
    if (timing.inQuietHours(instant)) {
      // The sender ran late into the quiet hours: wait for the morning.
      s.dueAt = timing.outOfQuietHours(instant).atOffset(ZoneOffset.UTC);
      return Uni.createFrom().voidItem();
    }
    OffsetDateTime since = now.minus(settings.fatigueWindow());
    return Panache.getSession()
        .chain(AdvisoryLock.named("survey-customer", s.customerId)::lock)
        .chain(
            locked ->
                Survey.count(
                    "customerId = ?1 and id <> ?2 and sentAt > ?3", s.customerId, s.id, since))
        .chain(
            recent -> {
              if (recent > 0) {
                return skip(s, "fatigue");
              }
              return CustomerContact.<CustomerContact>findById(s.customerId)
                  .chain(contact -> send(s, contact, now));
            });
  }

  private Uni<Void> skip(Survey s, String reason) {
    s.state = SurveyState.SKIPPED;
    s.skipReason = reason;
    metrics.counter("survey.skipped", "reason", reason).increment();
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> send(Survey s, CustomerContact contact, OffsetDateTime now) {
    String delivery = Deliveries.choose(s.channel, contact);
    if (delivery == null) {
      return skip(s, "no-contact");
    }
    OffsetDateTime expiresAt = now.plus(settings.token().ttl()).truncatedTo(ChronoUnit.SECONDS);
    String link =
        settings.page().baseUrl().replaceAll("/+$", "")
            + "/s/"
            + tokens.sign(s.id, expiresAt.toInstant());
    s.state = SurveyState.SENT;
    s.delivery = delivery;
    s.sentAt = now;
    s.expiresAt = expiresAt;
    metrics.counter("survey.sent", "channel", delivery).increment();
    String name = contact != null && contact.name != null ? contact.name : "客户";
    String text =
        settings
            .invitation()
            .template()
            .replace("{name}", name)
            .replace("{number}", s.number == null ? "" : s.number)
            .replace("{link}", link)
            .replace("{days}", Long.toString(days(settings.token().ttl())));
    NotificationRequested notification =
        new NotificationRequested(
            UUID.randomUUID(),
            "survey-invitation",
            delivery,
            new NotificationRequested.Recipient(
                s.customerId,
                contact == null ? null : contact.name,
                Deliveries.SMS.equals(delivery) ? contact.phone : null,
                Deliveries.EMAIL.equals(delivery) ? contact.email : null),
            "zh-CN",
            settings.invitation().subject(),
            text,
            link,
            s.complaintId,
            s.id,
            null,
            null,
            expiresAt,
            now);
    String key = s.complaintId.toString();
    return outbox
        .append(EventType.NOTIFICATION_REQUESTED, key, key, notification)
        .chain(
            () ->
                outbox.append(
                    EventType.SURVEY_SENT,
                    key,
                    key,
                    new SurveySent(s.complaintId, s.id, delivery, expiresAt, now)))
        .replaceWithVoid();
  }

  private static long days(Duration ttl) {
    return Math.max(1, (ttl.toHours() + 23) / 24);
  }
}
