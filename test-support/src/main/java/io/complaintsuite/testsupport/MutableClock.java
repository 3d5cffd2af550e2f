package io.complaintsuite.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests set to any instant, so deadlines pass without waiting. A module uses it by
 * declaring a subclass as an enabled alternative bean (see sla-service's and survey-service's
 * {@code support.TestClock}), which replaces the platform's system clock.
 */
public class MutableClock extends Clock {
  private volatile Instant now = Instant.parse("2026-11-23T02:00:00Z");

  public void set(Instant instant) {
    now = instant;
  }

  /** Real time from now on (for the lag benchmark). */
  public void followSystem() {
    now = null;
  }

  /** Sets the clock to a local time in Shanghai, e.g. {@code 2026-10-01T10:00:00}. */
  public Instant setShanghai(String local) {
    now = OffsetDateTime.parse(local + "+08:00").toInstant();
    return now;
  }

  @Override
  public Instant instant() {
    Instant fixed = now;
    return fixed != null ? fixed : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
