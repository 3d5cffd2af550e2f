package io.complaintsuite.intake.delivery;

import io.complaintsuite.intake.settings.IntakeSettings;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** Quiet hours (e.g. 22:00–08:00 Beijing time): an unsolicited message waits for their end. */
final class QuietHours {
  private QuietHours() {}

  /** {@code at} itself when outside quiet hours, otherwise the moment they end. */
  static OffsetDateTime endOf(OffsetDateTime at, IntakeSettings.QuietHours hours) {
    ZonedDateTime local = at.atZoneSameInstant(hours.zone());
    LocalTime time = local.toLocalTime();
    LocalTime start = hours.start();
    LocalTime end = hours.end();
    boolean quiet =
        start.isAfter(end)
            ? !time.isBefore(start) || time.isBefore(end) // spans midnight
            : !time.isBefore(start) && time.isBefore(end);
    if (!quiet) {
      return at;
    }
    ZonedDateTime endToday = local.with(end);
    ZonedDateTime ends = endToday.isAfter(local) ? endToday : endToday.plusDays(1);
    return ends.toOffsetDateTime().withOffsetSameInstant(at.getOffset());
  }
}
