package io.complaintsuite.survey.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a survey may go out: the resolution plus the delay (never in the past), moved out of the
 * customer's quiet hours to the end of them. Pure, so the rules are testable without a clock.
 */
public record SurveyTiming(
    java.time.Duration delay, LocalTime quietStart, LocalTime quietEnd, ZoneId zone) {

  public Instant dueAt(Instant resolvedAt, Instant now) {
    Instant earliest = resolvedAt.plus(delay);
    return outOfQuietHours(earliest.isBefore(now) ? now : earliest);
  }

  public boolean inQuietHours(Instant at) {
    if (quietStart.equals(quietEnd)) {
      return false; // no quiet hours configured
    }
    LocalTime local = at.atZone(zone).toLocalTime();
    if (quietStart.isAfter(quietEnd)) { // wraps midnight, e.g. 21:00-09:00
      return !local.isBefore(quietStart) || local.isBefore(quietEnd);
    }
    return !local.isBefore(quietStart) && local.isBefore(quietEnd);
  }

  /** {@code at} itself, or the end of the quiet hours it falls in. */
  public Instant outOfQuietHours(Instant at) {
    if (!inQuietHours(at)) {
      return at;
    }
    ZonedDateTime local = at.atZone(zone);
    LocalDate day = local.toLocalDate();
    if (quietStart.isAfter(quietEnd) && !local.toLocalTime().isBefore(quietStart)) {
      day = day.plusDays(1); // evening part: the quiet hours end tomorrow morning
    }
    return ZonedDateTime.of(day, quietEnd, zone).toInstant();
  }
}
