package io.complaintsuite.survey.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The survey's moment: resolution + delay, out of the customer's quiet hours (21:00–09:00). */
class SurveyTimingTest {
  final SurveyTiming timing =
      new SurveyTiming(
          Duration.ofMinutes(30),
          LocalTime.of(21, 0),
          LocalTime.of(9, 0),
          ZoneId.of("Asia/Shanghai"));

  static Instant at(String shanghai) {
    return OffsetDateTime.parse(shanghai + "+08:00").toInstant();
  }

  @Test
  void daytimeResolutionIsSurveyedAfterTheDelay() {
    assertEquals(
        at("2026-11-23T15:32:00"),
        timing.dueAt(at("2026-11-23T15:02:00"), at("2026-11-23T15:02:05")));
    // The last moment before the quiet hours.
    assertEquals(
        at("2026-11-23T20:59:59"),
        timing.dueAt(at("2026-11-23T20:29:59"), at("2026-11-23T20:30:00")));
  }

  @Test
  void eveningAndNightResolutionsWaitForNineInTheMorning() {
    assertEquals(
        at("2026-11-24T09:00:00"),
        timing.dueAt(at("2026-11-23T20:30:00"), at("2026-11-23T20:30:00")));
    assertEquals(
        at("2026-11-24T09:00:00"),
        timing.dueAt(at("2026-11-24T02:00:00"), at("2026-11-24T02:00:00")));
    // 08:30 + 30 min is exactly 09:00: allowed.
    assertEquals(
        at("2026-11-24T09:00:00"),
        timing.dueAt(at("2026-11-24T08:30:00"), at("2026-11-24T08:30:00")));
    // New Year's Eve rolls over the month and year.
    assertEquals(
        at("2027-01-01T09:00:00"),
        timing.dueAt(at("2026-12-31T22:00:00"), at("2026-12-31T22:00:00")));
  }

  @Test
  void aLateConsumedResolutionIsNeverScheduledInThePast() {
    assertEquals(
        at("2026-11-23T16:00:00"),
        timing.dueAt(at("2026-11-23T10:00:00"), at("2026-11-23T16:00:00")));
  }

  @Test
  void quietHoursBoundaries() {
    assertTrue(timing.inQuietHours(at("2026-11-23T21:00:00")));
    assertTrue(timing.inQuietHours(at("2026-11-24T08:59:59")));
    assertFalse(timing.inQuietHours(at("2026-11-24T09:00:00")));
    assertFalse(timing.inQuietHours(at("2026-11-23T20:59:59")));
    SurveyTiming noon =
        new SurveyTiming(Duration.ZERO, LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));
    assertEquals(
        Instant.parse("2026-11-23T13:00:00Z"),
        noon.outOfQuietHours(Instant.parse("2026-11-23T12:30:00Z")));
    SurveyTiming none =
        new SurveyTiming(Duration.ZERO, LocalTime.of(9, 0), LocalTime.of(9, 0), ZoneId.of("UTC"));
    assertFalse(none.inQuietHours(Instant.parse("2026-11-23T09:00:00Z")));
  }
}
