package io.complaintsuite.platform.time;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** Timestamps at PostgreSQL's precision, so what an API returns equals what it returns later. */
public final class Timestamps {
  private Timestamps() {}

  public static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
