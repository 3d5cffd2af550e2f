package io.complaintsuite.sla.incident;

import io.complaintsuite.contracts.sla.IncidentDetected;
import io.complaintsuite.platform.lock.AdvisoryLock;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.sla.settings.SlaSettings;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Mass-incident detection. Every {@code sla.spike.interval} (on the injectable clock) it counts,
 * per problem type, the complaints received in the sliding window {@code [now - window, now)} and
 * in the trailing baseline before it; the usual count for one window is the baseline count scaled
 * to the window. A type spikes when its window count reaches {@code sla.spike.min-count} and {@code
 * sla.spike.factor} times the usual count, or (whatever the history) when its window count reaches
 * the absolute floor {@code sla.spike.absolute-count}: an installation's first outage has no
 * history to compare with. Types in {@code sla.spike.ignored-types} ({@code unclassified}: what
 * intake records before routing classified the complaint) never spike. A spike without an
 * unresolved incident of that type opens one, with the window's complaints as members, and
 * publishes {@code sla.incident-detected}. While an incident is not resolved, every complaint of
 * its type received since the start of its window joins it; when the type stops spiking the
 * incident records {@code subsidedAt} (cleared if it spikes again). Replicas serialise on an
 * advisory lock, so one incident opens per spike.
 */
@ApplicationScoped
public class SpikeDetector {
  private static final Logger LOG = Logger.getLogger(SpikeDetector.class);
  // One detector run at a time across replicas: two would open the same incident twice.
  private static final AdvisoryLock LOCK = new AdvisoryLock("sla-spike-detector");

  static final String COUNTS =
      """
      select problem_type, count(*) filter (where received_at >= ?1) as recent,
        count(*) filter (where received_at < ?1) as usual
      from sla_complaint
      where problem_type is not null and received_at >= ?2 and received_at < ?3%s
      group by problem_type
      """;

  static final String JOIN =
      """
      insert into sla_incident_member (incident_id, complaint_id, joined_at)
      select ?1, complaint_id, ?2 from sla_complaint
      where problem_type = ?3 and received_at >= ?4 and received_at < ?5
      on conflict do nothing
      """;

  private final Clock clock;
  private final Outbox outbox;
  private final Duration window;
  private final Duration baseline;
  private final int minCount;
  private final double factor;
  private final int absoluteCount;
  private final String countsSql;

  public SpikeDetector(Clock clock, Outbox outbox, SlaSettings settings) {
    SlaSettings.Spike spike = settings.spike();
    Duration window = spike.window();
    Duration baseline = spike.baseline();
    if (baseline.compareTo(window.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "sla.spike.baseline must be at least twice sla.spike.window");
    }
    this.clock = clock;
    this.outbox = outbox;
    this.window = window;
    this.baseline = baseline;
    this.minCount = spike.minCount();
    this.factor = spike.factor();
    this.absoluteCount = spike.absoluteCount();
    // The ignored types are the operator's configuration, quoted as SQL literals.
    List<String> literals = new ArrayList<>();
    for (String t : spike.ignoredTypes()) {
      if (!t.isBlank()) {
        literals.add("'" + t.trim().replace("'", "''") + "'");
      }
    }
    this.countsSql =
        COUNTS.formatted(
            literals.isEmpty()
                ? ""
                : "\n  and problem_type not in (" + String.join(", ", literals) + ")");
  }

  @Scheduled(
      every = "${sla.spike.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return evaluate().replaceWithVoid();
  }

  record Count(long recent, long usual) {}

  /** The usual count of complaints of a type in one window, from the trailing baseline. */
  double usualPerWindow(long baselineCount) {
    return (double) baselineCount * window.toSeconds() / baseline.minus(window).toSeconds();
  }

  /**
   * The absolute floor (whatever the history: a fresh installation's first outage has none), or the
   * relative rule (min-count and factor times the usual count). A floor of 0 or less is off.
   */
  boolean spikes(Count c) {
    if (c == null) {
      return false;
    }
    if (absoluteCount > 0 && c.recent() >= absoluteCount) {
      return true;
    }
    return c.recent() >= minCount && c.recent() >= factor * usualPerWindow(c.usual());
  }

  /** One evaluation at the clock's now; returns the ids of the incidents it opened. */
  public Uni<List<UUID>> evaluate() {
    Instant now = clock.instant();
    OffsetDateTime nowAt = utc(now);
    OffsetDateTime recentFrom = utc(now.minus(window));
    OffsetDateTime baselineFrom = utc(now.minus(baseline));
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        LOCK.lock(s)
                            .chain(
                                () ->
                                    s.createNativeQuery(countsSql, Object[].class)
                                        .setParameter(1, recentFrom)
                                        .setParameter(2, baselineFrom)
                                        .setParameter(3, nowAt)
                                        .getResultList())
                            .chain(
                                rows -> {
                                  Map<String, Count> counts = new HashMap<>();
                                  for (Object[] r : rows) {
                                    counts.put(
                                        (String) r[0],
                                        new Count(
                                            ((Number) r[1]).longValue(),
                                            ((Number) r[2]).longValue()));
                                  }
                                  return Incident.<Incident>list(
                                          "status <> ?1", IncidentStatus.RESOLVED)
                                      .chain(open -> apply(s, counts, open, nowAt));
                                })));
  }

  private Uni<List<UUID>> apply(
      Mutiny.Session s, Map<String, Count> counts, List<Incident> open, OffsetDateTime now) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    Map<String, Incident> byType = new HashMap<>();
    for (Incident i : open) {
      byType.put(i.problemType, i);
      Count c = counts.get(i.problemType);
      boolean spiking = spikes(c);
      if (c != null && c.recent() > i.peakCount) {
        i.peakCount = (int) c.recent();
      }
      if (!spiking && i.subsidedAt == null) {
        i.subsidedAt = now;
        LOG.infof("incident %s (%s) subsided", i.id, i.problemType);
      } else if (spiking && i.subsidedAt != null) {
        i.subsidedAt = null;
      }
      i.updatedAt = now;
      chain = chain.chain(() -> join(s, i, now));
    }
    List<UUID> opened = new ArrayList<>();
    for (Map.Entry<String, Count> e : counts.entrySet()) {
      if (byType.containsKey(e.getKey()) || !spikes(e.getValue())) {
        continue;
      }
      Incident i = new Incident();
      i.id = UUID.randomUUID();
      i.problemType = e.getKey();
      i.title = truncate(e.getKey(), 180) + " 投诉激增";
      i.status = IncidentStatus.OPEN;
      i.detectedAt = now;
      i.windowCount = (int) e.getValue().recent();
      i.peakCount = i.windowCount;
      i.baseline = round(usualPerWindow(e.getValue().usual()));
      i.updatedAt = now;
      opened.add(i.id);
      LOG.warnf(
          "incident %s: %d complaints of %s in %s (usual %.2f)",
          i.id, i.windowCount, i.problemType, window, i.baseline);
      chain =
          chain
              .chain(() -> i.persist())
              .chain(() -> s.flush())
              .chain(() -> join(s, i, now))
              .chain(() -> Incidents.memberIds(s, i.id))
              .chain(
                  ids ->
                      outbox.append(
                          IncidentEvents.DETECTED,
                          i.id.toString(),
                          i.id.toString(),
                          new IncidentDetected(
                              i.id,
                              i.problemType,
                              i.title,
                              (int) window.toMinutes(),
                              i.windowCount,
                              i.baseline,
                              ids,
                              i.detectedAt)))
              .replaceWithVoid();
    }
    return chain.replaceWith(opened);
  }

  /** Every complaint of the incident's type received since its window began joins it. */
  private Uni<Void> join(Mutiny.Session s, Incident i, OffsetDateTime now) {
    return s.createNativeQuery(JOIN)
        .setParameter(1, i.id)
        .setParameter(2, Timestamps.now(clock))
        .setParameter(3, i.problemType)
        .setParameter(4, i.detectedAt.minus(window))
        .setParameter(5, now)
        .executeUpdate()
        .replaceWithVoid();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static OffsetDateTime utc(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
