package io.complaintsuite.platform.outbox;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox now instead of at the relay's next scheduled poll (the scheduler's shortest
 * period is 1 s): right after a transaction commits (routing and sla kick after each consumed
 * record), and, with {@code outbox.fast-poll} set (e.g. {@code 100ms}), on a timer at that
 * sub-second interval. Kicks coalesce: at most one drain runs, and one more follows if kicks
 * arrived meanwhile; a busy outbox is still drained in batches. A kick does nothing while the relay
 * backs off after a broker failure. The scheduled poll stays as the safety net. Fast polling costs
 * one indexed query per interval per replica when idle; off by default.
 */
@ApplicationScoped
public class OutboxKick {
  private static final Logger LOG = Logger.getLogger(OutboxKick.class);
  private static final int MAX_BATCHES = 20;

  private final OutboxRelay relay;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();

  private final Optional<Duration> fastPoll;

  public OutboxKick(
      OutboxRelay relay, @ConfigProperty(name = "outbox.fast-poll") Optional<Duration> fastPoll) {
    this.relay = relay;
    this.fastPoll = fastPoll;
  }

  void startFastPoll(@Observes StartupEvent started, Vertx vertx) {
    fastPoll.ifPresent(every -> vertx.setPeriodic(every.toMillis(), id -> kick()));
  }

  public void kick() {
    pending.set(true);
    if (running.compareAndSet(false, true)) {
      drain();
    }
  }

  private void drain() {
    pending.set(false);
    relay
        .poll(MAX_BATCHES)
        .subscribe()
        .with(
            ok -> finished(),
            e -> {
              LOG.debugf("outbox kick failed, the scheduled relay retries: %s", e.getMessage());
              finished();
            });
  }

  private void finished() {
    running.set(false);
    if (pending.get() && running.compareAndSet(false, true)) {
      drain();
    }
  }
}
