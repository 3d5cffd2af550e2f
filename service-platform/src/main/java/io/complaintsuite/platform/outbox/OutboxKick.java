package io.complaintsuite.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox right after a transaction commits instead of waiting for the relay's next
 * poll (the scheduler's shortest period is 1 s). Kicks coalesce: at most one drain runs, and one
 * more follows if kicks arrived meanwhile. The scheduled poll stays as the safety net (e.g. after a
 * broker outage).
 */
@ApplicationScoped
public class OutboxKick {
  private static final Logger LOG = Logger.getLogger(OutboxKick.class);
  private static final int MAX_BATCHES = 20;

  private final OutboxRelay relay;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();

  public OutboxKick(OutboxRelay relay) {
    this.relay = relay;
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
        .drain(MAX_BATCHES)
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
