package io.complaintsuite.sla.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Deadlines a supervisor can check by hand on the mainland 2026 calendar. */
class BusinessCalendarTest {
  static final BusinessCalendar CN = Calendars.load("calendars/cn-business.cal");
  static final BusinessCalendar ALWAYS = Calendars.load("calendars/24x7.cal");

  static Instant at(String shanghaiLocal) {
    return OffsetDateTime.parse(shanghaiLocal + "+08:00").toInstant();
  }

  @Test
  void theNationalDayHolidayIsSkipped() {
    // Wed 30 Sep 17:00, 2 h: one hour that evening, then 1-7 Oct off, Thu 8 Oct 09:00 + 1 h.
    assertEquals(
        at("2026-10-08T10:00:00"), CN.deadline(at("2026-09-30T17:00:00"), Duration.ofHours(2)));
  }

  @Test
  void aMakeUpSaturdayIsWorked() {
    // Fri 9 Oct 17:00, 2 h: Sat 10 Oct is a 调休 working day.
    assertEquals(
        at("2026-10-10T10:00:00"), CN.deadline(at("2026-10-09T17:00:00"), Duration.ofHours(2)));
    // and Sun 20 Sep too (before National Day)
    assertEquals(
        at("2026-09-20T09:30:00"), CN.deadline(at("2026-09-19T10:00:00"), Duration.ofMinutes(30)));
  }

  @Test
  void nightsLunchAndWeekendsAreSkipped() {
    assertEquals(
        at("2026-11-23T09:30:00"),
        CN.deadline(at("2026-11-20T17:30:00"), Duration.ofHours(1)),
        "Friday evening to Monday morning");
    assertEquals(
        at("2026-11-24T13:30:00"),
        CN.deadline(at("2026-11-24T11:30:00"), Duration.ofHours(1)),
        "lunch break");
    assertEquals(
        at("2026-11-24T09:00:01"),
        CN.deadline(at("2026-11-23T23:00:00"), Duration.ofSeconds(1)),
        "starting at night counts from the next opening");
  }

  @Test
  void theSpringFestivalWithTwoMakeUpSaturdays() {
    // Fri 13 Feb 17:00 + 8 h: 1 h Fri, 7 h on Sat 14 Feb (调休) -> 14 Feb 17:00.
    assertEquals(
        at("2026-02-14T17:00:00"), CN.deadline(at("2026-02-13T17:00:00"), Duration.ofHours(8)));
    // Sat 14 Feb 17:30 + 1 h: holiday 15-23 Feb, Tue 24 Feb 09:30.
    assertEquals(
        at("2026-02-24T09:30:00"), CN.deadline(at("2026-02-14T17:30:00"), Duration.ofHours(1)));
  }

  @Test
  void twentyFourSevenIsWallClock() {
    Instant start = at("2026-10-01T23:50:00");
    assertEquals(
        start.plus(Duration.ofMinutes(15)), ALWAYS.deadline(start, Duration.ofMinutes(15)));
  }

  @Test
  void workingTimeIsTheInverseOfDeadline() {
    Instant start = at("2026-09-30T17:00:00");
    assertEquals(
        Duration.ofHours(2), CN.workingTime(start, CN.deadline(start, Duration.ofHours(2))));
    assertEquals(
        Duration.ZERO, CN.workingTime(at("2026-10-02T09:00:00"), at("2026-10-05T18:00:00")));
  }
}
