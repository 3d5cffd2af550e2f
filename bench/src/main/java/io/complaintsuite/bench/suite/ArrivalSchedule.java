package io.complaintsuite.bench.suite;

/**
 * Open-model arrivals at a fixed rate: complaint {@code i} is due at {@code start + i / rate},
 * whatever the answers to the earlier ones (a closed model, waiting for each answer, would slow
 * down with the system under test and hide its queueing).
 */
final class ArrivalSchedule {
  private final long startNanos;
  private final double intervalNanos;
  private final long total;

  ArrivalSchedule(long startNanos, double perSecond, double seconds) {
    if (perSecond <= 0 || seconds <= 0) {
      throw new IllegalArgumentException("rate and duration must be positive");
    }
    this.startNanos = startNanos;
    this.intervalNanos = 1e9 / perSecond;
    this.total = (long) Math.floor(perSecond * seconds + 1e-9);
  }

  /** How many arrivals the whole schedule holds. */
  long total() {
    return total;
  }

  /** How many arrivals are due at {@code nowNanos} (those scheduled at or before it). */
  long dueBy(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    long due = (long) Math.floor((nowNanos - startNanos) / intervalNanos) + 1;
    return Math.min(due, total);
  }

  /** When arrival {@code i} (from 0) is due. */
  long scheduledAt(long i) {
    return startNanos + Math.round(i * intervalNanos);
  }

  /** When the last arrival is due plus one interval: the schedule's end. */
  long endNanos() {
    return scheduledAt(total);
  }
}
