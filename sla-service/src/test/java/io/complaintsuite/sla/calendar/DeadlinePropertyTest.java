package io.complaintsuite.sla.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Deadline arithmetic against the simplest model there is: step minute by minute, counting the
 * minutes whose local time is inside the opening hours of a working day.
 */
class DeadlinePropertyTest {
  static final BusinessCalendar CN = Calendars.load("calendars/cn-business.cal");

  /** A DST zone: New York springs forward on 8 Mar 2026 and falls back on 1 Nov 2026. */
  static final BusinessCalendar NEW_YORK = newYork();

  static BusinessCalendar newYork() {
    try {
      return CalendarFile.read(
          new StringReader(
              "name=ny\nzone=America/New_York\nhours=MON-FRI 08:30-17:00\n"
                  + "hours=SUN 00:00-03:00\nholiday=2026-11-26\n"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final Instant YEAR_START = Instant.parse("2025-12-31T16:00:00Z");

  static boolean open(BusinessCalendar calendar, Instant minute) {
    ZonedDateTime local = minute.atZone(calendar.zone());
    int m = local.getHour() * 60 + local.getMinute();
    return calendar.hoursOn(local.toLocalDate()).stream()
        .anyMatch(i -> m >= i.open() && m < i.close());
  }

  static Instant reference(BusinessCalendar calendar, Instant start, int minutes) {
    Instant t = start;
    int counted = 0;
    while (counted < minutes) {
      if (open(calendar, t)) {
        counted++;
      }
      t = t.plusSeconds(60);
    }
    if (minutes == 0) {
      return start;
    }
    // t is the end of the last counted minute
    return t;
  }

  @Property(tries = 300)
  void chinaMatchesTheMinuteModel(
      @ForAll @IntRange(min = 0, max = 525_000) int startMinute,
      @ForAll @IntRange(min = 0, max = 3_000) int minutes) {
    Instant start = YEAR_START.plusSeconds(startMinute * 60L);
    assertEquals(reference(CN, start, minutes), CN.deadline(start, Duration.ofMinutes(minutes)));
    assertEquals(
        Duration.ofMinutes(minutes),
        CN.workingTime(start, CN.deadline(start, Duration.ofMinutes(minutes))));
  }

  @Property(tries = 200)
  void aDaylightSavingZoneMatchesTheMinuteModel(
      @ForAll @IntRange(min = 0, max = 525_000) int startMinute,
      @ForAll @IntRange(min = 0, max = 2_000) int minutes) {
    Instant start = YEAR_START.plusSeconds(startMinute * 60L);
    assertEquals(
        reference(NEW_YORK, start, minutes),
        NEW_YORK.deadline(start, Duration.ofMinutes(minutes)),
        () -> "start " + start.atZone(NEW_YORK.zone()) + " + " + minutes + " min");
  }
}
