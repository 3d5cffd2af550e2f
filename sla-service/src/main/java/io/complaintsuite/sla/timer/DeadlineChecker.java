package io.complaintsuite.sla.timer;

import io.complaintsuite.contracts.sla.SlaAlertRaised;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.outbox.OutboxKick;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.sla.alert.SlaAlert;
import io.complaintsuite.sla.settings.SlaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Raises the alerts that fell due. Each run claims due timers with {@code FOR UPDATE SKIP LOCKED}
 * in one transaction that also records the alerts, advances the timers and writes the events to the
 * outbox: replicas running at the same moment take disjoint timers, and a replica that dies mid-run
 * releases its locks by rolling back, so another takes the timers over on its next run.
 *
 * <p>When it runs: after every run the checker reads the earliest pending due instant and wakes up
 * exactly then (a Vert.x timer, the delay measured on the injected clock), but never sooner than
 * {@code sla.checker.min-pause} after the previous run, so timers falling due one after the other
 * are claimed together. The fixed {@code sla.checker.interval} poll stays as the fallback for
 * timers that another replica or a late event made due before the next wake-up. A poll interval
 * alone bounds nothing better than the interval itself (2 s used to add up to 2 s to every alert).
 */
@ApplicationScoped
public class DeadlineChecker {
  /**
   * When a timer is due (its next alert's instant reached while it runs), for the claim and for the
   * check that nothing due was left behind: one condition, so the two cannot disagree.
   */
  static final String TIMER_DUE =
      "t.next_fire_at <= :now and t.state = '" + TimerState.RUNNING.dbValue() + "'";

  /** The claim; public so a test can race two transactions on it. */
  public static final String CLAIM_SQL =
      "select t.* from sla_timer t where "
          + TIMER_DUE
          + " order by t.next_fire_at limit :limit for update skip locked";

  /**
   * The earliest pending due instant: of the timers (the partial index {@code sla_timer_due}'s
   * first entry) and of the call-backs not completed and not yet alerted.
   */
  static final String NEXT_DUE_SQL =
      "select least((select min(next_fire_at) from sla_timer where next_fire_at is not null),"
          + " (select min(b.due_at) from board_callback b where "
          + OverdueCallbacks.PENDING
          + "))";

  private static final Logger LOG = Logger.getLogger(DeadlineChecker.class);

  /** Batches one run drains at most while full batches keep coming. */
  private static final int MAX_BATCHES = 20;

  /** A wake-up further away than this is left to a later run (every poll re-arms it). */
  private static final Duration MAX_WAKE_DELAY = Duration.ofMinutes(10);

  private final Clock clock;
  private final Outbox outbox;
  private final OutboxKick outboxKick;
  private final OverdueCallbacks callbacks;
  private final AlertLadder ladder;
  private final int batchSize;
  private final Duration minPause;
  private final Vertx vertx;
  private final AlertLag lag;
  private final AtomicBoolean running = new AtomicBoolean();
  // The clock instant up to which every due timer and call-back has been claimed (null: not yet).
  private volatile Instant checkedUntil;
  // The armed wake-up (guarded by this).
  private long wakeTimer = -1;
  private Instant wakeAt;

  public DeadlineChecker(
      Clock clock,
      Outbox outbox,
      OutboxKick outboxKick,
      OverdueCallbacks callbacks,
      AlertLadder ladder,
      AlertLag lag,
      MeterRegistry metrics,
      Vertx vertx,
      SlaSettings settings) {
    this.clock = clock;
    this.outbox = outbox;
    this.outboxKick = outboxKick;
    this.callbacks = callbacks;
    this.ladder = ladder;
    this.vertx = vertx;
    this.batchSize = settings.checker().batchSize();
    this.minPause = settings.checker().minPause();
    this.lag = lag;
    // How far the checker has got, on the service's clock: an operator sees a stuck checker as a
    // value that stops following the time; a test that moves the clock waits for it.
    Gauge.builder(
            "sla.checker.checked.until",
            this,
            c -> c.checkedUntil == null ? 0 : c.checkedUntil.toEpochMilli() / 1000.0)
        .description("the instant up to which every due timer and call-back has been claimed")
        .baseUnit("seconds")
        .register(metrics);
  }

  /** The fallback poll; also arms the first wake-up after start. */
  @Scheduled(
      every = "${sla.checker.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return run();
  }

  /**
   * Drains what is due, then arms the wake-up for the next due instant. One run at a time per
   * replica: a poll or wake-up arriving during a run is dropped, the run's own next-due query (made
   * after its commits) sees whatever became due meanwhile.
   */
  Uni<Void> run() {
    if (!running.compareAndSet(false, true)) {
      return Uni.createFrom().voidItem();
    }
    return checkUntilDrained(MAX_BATCHES)
        .chain(this::nextDue)
        .onItemOrFailure()
        .invoke(
            (next, failure) -> {
              running.set(false);
              if (failure != null) {
                // Left to the next poll; the claim rolled back, nothing was raised.
                LOG.warnf(failure, "deadline check failed, the next poll retries");
              } else if (next != null) {
                wakeUpAt(next);
              }
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** The earliest due instant of any timer, or null when none is pending. */
  Uni<Instant> nextDue() {
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(
                    s -> s.createNativeQuery(NEXT_DUE_SQL, OffsetDateTime.class).getSingleResult())
                .map(at -> at == null ? null : at.toInstant()));
  }

  /**
   * Arms one Vert.x timer for {@code due} (kept if one is armed for earlier), at least {@code
   * min-pause} from now: a due instant already past (more than a run drains, or rows another
   * replica holds) is retried after the pause rather than at once.
   */
  private synchronized void wakeUpAt(Instant due) {
    Instant now = clock.instant();
    Instant at = due.isBefore(now.plus(minPause)) ? now.plus(minPause) : due;
    if (Duration.between(now, at).compareTo(MAX_WAKE_DELAY) > 0) {
      return;
    }
    if (wakeTimer != -1) {
      if (!wakeAt.isAfter(at)) {
        return;
      }
      vertx.cancelTimer(wakeTimer);
    }
    wakeAt = at;
    // Rounded up: a timer firing a fraction of a millisecond early would claim nothing and wait
    // another min-pause.
    wakeTimer = vertx.setTimer(Duration.between(now, at).toMillis() + 1, this::wokeUp);
  }

  private void wokeUp(long timerId) {
    synchronized (this) {
      if (wakeTimer != timerId) {
        return;
      }
      wakeTimer = -1;
    }
    // A fresh duplicated context, marked safe for Hibernate Reactive, as the scheduler gives one.
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(v -> run().subscribe().with(x -> {}));
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

  /**
   * One claim of due timers, then one of overdue call-backs; returns how many timers were claimed.
   * The alerts it committed are published at once (the outbox relay's own poll is at best every
   * second).
   */
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
                    .chain(timers -> raise(timers, now).replaceWith(timers.size())))
        .chain(
            claimed ->
                callbacks.raiseOverdue(now, batchSize).map(overdue -> new int[] {claimed, overdue}))
        .invoke(
            claimed -> {
              if (claimed[0] > 0 || claimed[1] > 0) {
                outboxKick.kick();
              }
            })
        .chain(
            claimed ->
                claimed[0] < batchSize && claimed[1] < batchSize
                    ? advanceIfNothingLeft(now).replaceWith(claimed[0])
                    : Uni.createFrom().item(claimed[0]));
  }

  /**
   * Something still due after the claims: rows another transaction held (skip locked: an event
   * updating the timer, another replica). Then the check has not got to {@code now} yet.
   */
  static final String STILL_DUE_SQL =
      "select (exists (select 1 from sla_timer t where "
          + TIMER_DUE
          + ") or exists (select 1 from board_callback b where "
          + OverdueCallbacks.DUE
          + "))";

  private Uni<Void> advanceIfNothingLeft(Instant now) {
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        s ->
                            s.createNativeQuery(STILL_DUE_SQL, Boolean.class)
                                .setParameter("now", TimerMath.utc(now))
                                .getSingleResult()))
        .invoke(
            stillDue -> {
              if (!Boolean.TRUE.equals(stillDue)) {
                advanceCheckedUntil(now);
              }
            })
        .replaceWithVoid();
  }

  /**
   * The moment of the latest run that left nothing due, not the highest ever: a clock set back (a
   * corrected server clock, a test moving time) would otherwise leave the gauge ahead of every
   * check to come, and whoever waits on it would go on before anything was checked.
   */
  private void advanceCheckedUntil(Instant now) {
    checkedUntil = now;
  }

  /** What the gauge shows: null before the first complete run. */
  Instant checkedUntil() {
    return checkedUntil;
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
      List<TimerMath.Due> due = TimerMath.advance(t, now, ladder);
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
    a.timerKind = t.kind.dbValue();
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
    lag.record(d.dueAt(), raisedAt.toInstant());
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
                    a.kind.eventType(), a.complaintId.toString(), a.complaintId.toString(), data))
        .replaceWithVoid();
  }
}
