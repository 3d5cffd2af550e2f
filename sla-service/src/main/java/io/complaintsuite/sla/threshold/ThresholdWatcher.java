package io.complaintsuite.sla.threshold;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.sla.ThresholdChanged;
import io.complaintsuite.platform.lock.AdvisoryLock;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.sla.settings.SlaSettings;
import io.micrometer.core.instrument.Gauge;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Threshold alerts raised once when crossed and cleared once when back: CSAT below {@code
 * sla.threshold.csat} and response-in-time rate below {@code sla.threshold.response-in-time} over
 * the trailing {@code sla.threshold.window} (each only with at least {@code
 * sla.threshold.min-samples} answers / due responses, else it is left as it was), and more than
 * {@code sla.threshold.backlog} open complaints in a department (now). The crossed ones are kept in
 * {@code sla_threshold_state}; each change publishes {@code sla.threshold-crossed} or {@code
 * sla.threshold-cleared} (key {@code kpi:scope}) through the outbox in the same transaction.
 */
@ApplicationScoped
public class ThresholdWatcher {
  private static final Logger LOG = Logger.getLogger(ThresholdWatcher.class);
  // One watcher run at a time across replicas: two would publish the same crossing twice.
  private static final AdvisoryLock LOCK = new AdvisoryLock("sla-threshold-watcher");

  public static final EventType CROSSED = EventType.SLA_THRESHOLD_CROSSED;
  public static final EventType CLEARED = EventType.SLA_THRESHOLD_CLEARED;

  static final String BACKLOG =
      """
      select coalesce(department, 'unassigned'), count(*) from sla_complaint
      where resolved_at is null and closed_at is null group by 1
      """;

  static final String CSAT =
      """
      select count(*), count(*) filter (where csat >= 4) from sla_survey
      where answered_at >= ?1 and answered_at < ?2
      """;

  static final String RESPONSE_IN_TIME =
      """
      select count(*) filter (where r.met_at is not null or r.deadline_at <= ?2),
        count(*) filter (where r.met_at is not null and r.met_at <= r.deadline_at)
      from sla_complaint c join sla_timer r on r.complaint_id = c.complaint_id
        and r.kind = 'response'
      where c.received_at >= ?1 and c.received_at < ?2
      """;

  private final Clock clock;
  private final Outbox outbox;
  private final Duration window;
  private final int backlog;
  private final double csat;
  private final double responseInTime;
  private final int minSamples;
  private final MeterRegistry metrics;
  private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

  public ThresholdWatcher(Clock clock, Outbox outbox, SlaSettings settings, MeterRegistry metrics) {
    SlaSettings.Threshold threshold = settings.threshold();
    this.metrics = metrics;
    this.clock = clock;
    this.outbox = outbox;
    this.window = threshold.window();
    this.backlog = threshold.backlog();
    this.csat = threshold.csat();
    this.responseInTime = threshold.responseInTime();
    this.minSamples = threshold.minSamples();
  }

  /** A threshold's reading: crossed or not, with the value and the limit. */
  record Reading(String kpi, String scope, double value, double threshold, boolean crossed) {
    String key() {
      return kpi + ":" + scope;
    }
  }

  @Scheduled(
      every = "${sla.threshold.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return evaluate().replaceWithVoid();
  }

  /** One evaluation at the clock's now; returns the events it published ("crossed kpi:scope"). */
  public Uni<List<String>> evaluate() {
    Instant now = clock.instant();
    OffsetDateTime to = utc(now);
    OffsetDateTime from = utc(now.minus(window));
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        LOCK.lock(s)
                            .chain(() -> readings(s, from, to))
                            .invoke(this::publishGauges)
                            .chain(readings -> apply(s, readings, to))));
  }

  private Uni<Map<String, Reading>> readings(
      Mutiny.Session s, OffsetDateTime from, OffsetDateTime to) {
    Map<String, Reading> readings = new LinkedHashMap<>();
    return s.createNativeQuery(BACKLOG, Object[].class)
        .getResultList()
        .invoke(
            rows -> {
              for (Object[] r : rows) {
                long n = ((Number) r[1]).longValue();
                put(readings, new Reading("backlog", (String) r[0], n, backlog, n > backlog));
              }
            })
        .chain(
            () ->
                s.createNativeQuery(CSAT, Object[].class)
                    .setParameter(1, from)
                    .setParameter(2, to)
                    .getSingleResult())
        .invoke(
            r -> {
              long answers = ((Number) r[0]).longValue();
              if (answers >= minSamples) {
                double v = round((double) ((Number) r[1]).longValue() / answers);
                put(readings, new Reading("csat", "all", v, csat, v < csat));
              }
            })
        .chain(
            () ->
                s.createNativeQuery(RESPONSE_IN_TIME, Object[].class)
                    .setParameter(1, from)
                    .setParameter(2, to)
                    .getSingleResult())
        .map(
            r -> {
              long due = ((Number) r[0]).longValue();
              if (due >= minSamples) {
                double v = round((double) ((Number) r[1]).longValue() / due);
                put(
                    readings,
                    new Reading(
                        "responseInTimeRate", "all", v, responseInTime, v < responseInTime));
              }
              return readings;
            });
  }

  /**
   * The readings as Prometheus gauges {@code sla_kpi{kpi, scope}} (live to the evaluation
   * interval): backlog per department, CSAT and response-in-time rate over the window. A department
   * without open complaints reads 0; a rate without enough samples keeps its last value.
   */
  private void publishGauges(Map<String, Reading> readings) {
    gauges.forEach(
        (key, value) -> {
          if (key.startsWith("backlog:") && !readings.containsKey(key)) {
            value.set(0.0);
          }
        });
    for (Reading r : readings.values()) {
      gauges
          .computeIfAbsent(
              r.key(),
              k -> {
                AtomicReference<Double> holder = new AtomicReference<>(r.value());
                Gauge.builder("sla.kpi", holder, h -> h.get() == null ? Double.NaN : h.get())
                    .description("KPI as the threshold watcher last read it")
                    .tag("kpi", r.kpi())
                    .tag("scope", r.scope())
                    .register(metrics);
                return holder;
              })
          .set(r.value());
    }
  }

  private static void put(Map<String, Reading> readings, Reading r) {
    readings.put(r.key(), r);
  }

  private Uni<List<String>> apply(
      Mutiny.Session s, Map<String, Reading> readings, OffsetDateTime now) {
    return s.createNativeQuery(
            "select kpi, scope, crossed_at from sla_threshold_state", Object[].class)
        .getResultList()
        .chain(
            rows -> {
              Map<String, OffsetDateTime> crossed = new LinkedHashMap<>();
              for (Object[] r : rows) {
                crossed.put(r[0] + ":" + r[1], toOffset(r[2]));
              }
              List<String> published = new ArrayList<>();
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Reading r : readings.values()) {
                if (r.crossed() && !crossed.containsKey(r.key())) {
                  published.add("crossed " + r.key());
                  LOG.warnf(
                      "threshold crossed: %s = %s (limit %s)", r.key(), r.value(), r.threshold());
                  chain =
                      chain
                          .chain(
                              () ->
                                  s.createNativeQuery(
                                          "insert into sla_threshold_state (kpi, scope, value,"
                                              + " threshold, crossed_at) values (?1, ?2, ?3, ?4, ?5)")
                                      .setParameter(1, r.kpi())
                                      .setParameter(2, r.scope())
                                      .setParameter(3, r.value())
                                      .setParameter(4, r.threshold())
                                      .setParameter(5, now)
                                      .executeUpdate())
                          .chain(() -> publish(CROSSED, r, now, now));
                } else if (r.crossed()) {
                  chain =
                      chain
                          .chain(
                              () ->
                                  s.createNativeQuery(
                                          "update sla_threshold_state set value = ?3"
                                              + " where kpi = ?1 and scope = ?2")
                                      .setParameter(1, r.kpi())
                                      .setParameter(2, r.scope())
                                      .setParameter(3, r.value())
                                      .executeUpdate())
                          .replaceWithVoid();
                }
              }
              for (Map.Entry<String, OffsetDateTime> e : crossed.entrySet()) {
                String key = e.getKey();
                Reading r = readings.get(key);
                if (r == null && key.startsWith("backlog:")) {
                  // No open complaint left in the department.
                  r = new Reading("backlog", key.substring("backlog:".length()), 0, backlog, false);
                }
                if (r == null || r.crossed()) {
                  continue; // still crossed, or not measurable now: leave it as it is
                }
                Reading cleared = r;
                published.add("cleared " + key);
                LOG.infof("threshold cleared: %s = %s", key, cleared.value());
                chain =
                    chain
                        .chain(
                            () ->
                                s.createNativeQuery(
                                        "delete from sla_threshold_state where kpi = ?1"
                                            + " and scope = ?2")
                                    .setParameter(1, cleared.kpi())
                                    .setParameter(2, cleared.scope())
                                    .executeUpdate())
                        .chain(() -> publish(CLEARED, cleared, e.getValue(), now));
              }
              return chain.replaceWith(published);
            });
  }

  private Uni<Void> publish(
      EventType type, Reading r, OffsetDateTime crossedAt, OffsetDateTime now) {
    ThresholdChanged data =
        new ThresholdChanged(
            r.kpi(),
            r.scope(),
            r.value(),
            r.threshold(),
            "backlog".equals(r.kpi()) ? "above" : "below",
            "backlog".equals(r.kpi()) ? null : (int) window.toMinutes(),
            crossedAt,
            now);
    return outbox.append(type, r.key(), r.key(), data).replaceWithVoid();
  }

  private static OffsetDateTime toOffset(Object value) {
    if (value instanceof OffsetDateTime o) {
      return o;
    }
    if (value instanceof Instant i) {
      return utc(i);
    }
    if (value instanceof java.sql.Timestamp t) {
      return utc(t.toInstant());
    }
    if (value instanceof java.time.LocalDateTime l) {
      return l.atOffset(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(value.toString());
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static OffsetDateTime utc(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
