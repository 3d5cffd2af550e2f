package io.complaintsuite.sla.timer;

import io.complaintsuite.contracts.sla.SlaAlertRaised;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.sla.alert.AlertEvents;
import io.complaintsuite.sla.alert.SlaAlert;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Raises the alerts that fell due. Each run claims due timers with {@code FOR UPDATE SKIP LOCKED}
 * in one transaction that also records the alerts, advances the timers and writes the events to the
 * outbox: replicas running at the same moment take disjoint timers, and a replica that dies mid-run
 * releases its locks by rolling back, so another takes the timers over on its next run.
 */
@ApplicationScoped
public class DeadlineChecker {
  /** The claim; public so a test can race two transactions on it. */
  public static final String CLAIM_SQL =
      "select * from sla_timer where next_fire_at <= :now and state = 'running'"
          + " order by next_fire_at limit :limit for update skip locked";

  private final Clock clock;
  private final Outbox outbox;
  private final SlaSettings settings;
  private final int batchSize;
  private final Timer lag;

  public DeadlineChecker(
      Clock clock,
      Outbox outbox,
      SlaSettings settings,
      MeterRegistry metrics,
      @ConfigProperty(name = "sla.checker.batch-size", defaultValue = "500") int batchSize) {
    this.clock = clock;
    this.outbox = outbox;
    this.settings = settings;
    this.batchSize = batchSize;
    this.lag =
        Timer.builder("sla.alert.lag")
            .description("from an alert's due instant to the checker raising it")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(metrics);
  }

  @Scheduled(
      every = "${sla.checker.interval:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return checkUntilDrained(20);
  }

  /** Runs up to {@code maxBatches} claims while full batches keep coming. */
  public Uni<Void> checkUntilDrained(int maxBatches) {
    if (maxBatches <= 0) {
      return Uni.createFrom().voidItem();
    }
    return checkOnce()
        .chain(
            n -> n >= batchSize ? checkUntilDrained(maxBatches - 1) : Uni.createFrom().voidItem());
  }

  /** One claim of due timers; returns how many were claimed. */
  public Uni<Integer> checkOnce() {
    Instant now = clock.instant();
    OffsetDateTime nowAt = TimerMath.utc(now);
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(CLAIM_SQL, SlaTimer.class)
                            .setParameter("now", nowAt)
                            .setParameter("limit", batchSize)
                            .getResultList())
                .chain(timers -> raise(timers, now).replaceWith(timers.size())));
  }

  record Raise(SlaTimer timer, TimerMath.Due due) {}

  /**
   * Records the alerts one after the other on the transaction's session. Not as a chain of {@code
   * Uni.chain} built in a loop: persisting completes synchronously, so such a chain nests one
   * subscription per alert on the stack, and a full batch (500 timers) overflowed the event loop's
   * stack; the error was lost and the claim's transaction stayed open for ever (the 1,000,000-timer
   * benchmark hung after its first full batch; the scheduler would skip every later run). {@code
   * Multi}'s concatenation drains in a loop instead.
   */
  private Uni<Void> raise(List<SlaTimer> timers, Instant now) {
    OffsetDateTime raisedAt = Timestamps.now(clock);
    List<Raise> raises = new ArrayList<>();
    for (SlaTimer t : timers) {
      List<TimerMath.Due> due = TimerMath.advance(t, now, settings);
      t.updatedAt = raisedAt;
      for (TimerMath.Due d : due) {
        raises.add(new Raise(t, d));
      }
    }
    return Multi.createFrom()
        .iterable(raises)
        .onItem()
        .transformToUniAndConcatenate(r -> record(r.timer(), r.due(), raisedAt).replaceWith(r))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> record(SlaTimer t, TimerMath.Due d, OffsetDateTime raisedAt) {
    SlaAlert a = new SlaAlert();
    a.id = UUID.randomUUID();
    a.timerId = t.id;
    a.complaintId = t.complaintId;
    a.number = t.number;
    a.kind = d.kind();
    a.timerKind = t.kind;
    a.level = d.level();
    a.cycle = t.cycle;
    a.recipientRole = d.recipientRole();
    a.recipient = d.recipient();
    a.department = t.department;
    a.priority = t.priority;
    a.policyVersion = t.policyVersion;
    a.deadlineAt = t.deadlineAt;
    a.dueAt = TimerMath.utc(d.dueAt());
    a.raisedAt = raisedAt;
    lag.record(Duration.between(d.dueAt(), raisedAt.toInstant()).abs());
    SlaAlertRaised data =
        new SlaAlertRaised(
            a.id,
            a.complaintId,
            a.number,
            a.timerKind,
            a.priority,
            a.policyVersion,
            a.level,
            a.recipientRole,
            a.recipient,
            a.department,
            a.deadlineAt,
            a.dueAt,
            a.raisedAt);
    return a.persist()
        .chain(
            () ->
                outbox.append(
                    AlertEvents.forKind(a.kind),
                    a.complaintId.toString(),
                    a.complaintId.toString(),
                    data))
        .replaceWithVoid();
  }
}
