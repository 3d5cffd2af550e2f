package io.complaintsuite.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * System time shifted by an offset that can be changed while the service runs: what end-to-end
 * tests of separate service processes use instead of test-support's {@code MutableClock}. Time
 * keeps flowing at the system's pace from wherever it was moved to, so schedulers act on the moved
 * time at their next tick. Only produced when {@code platform.clock.movable=true} (see {@link
 * Clocks}); never in production.
 */
public final class MovableClock extends Clock {
  private final Clock system;
  private final AtomicReference<Duration> offset;
  private final ZoneId zone;

  public MovableClock(Clock system) {
    this(system, new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
  }

  private MovableClock(Clock system, AtomicReference<Duration> offset, ZoneId zone) {
    this.system = system;
    this.offset = offset;
    this.zone = zone;
  }

  @Override
  public Instant instant() {
    return system.instant().plus(offset.get());
  }

  /** How far this clock is ahead of (positive) or behind (negative) system time. */
  public Duration offset() {
    return offset.get();
  }

  public void setOffset(Duration newOffset) {
    offset.set(newOffset);
  }

  /** Moves the clock so that it reads {@code instant} now. */
  public void set(Instant instant) {
    offset.set(Duration.between(system.instant(), instant));
  }

  /** Moves the clock forward (or back, for a negative amount) by {@code amount}. */
  public void advance(Duration amount) {
    offset.accumulateAndGet(amount, Duration::plus);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time in another zone: moving either moves both. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return newZone.equals(zone) ? this : new MovableClock(system, offset, newZone);
  }
}
