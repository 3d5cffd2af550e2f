package io.complaintsuite.intake.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.complaintsuite.intake.settings.IntakeSettings;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Back-off and quiet hours, with the figures worked out by hand. */
class RetryTimesTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1));

  @Test
  void doublesFromTenSecondsToAnHourWithJitterDownToHalf() {
    assertEquals(Duration.ofSeconds(10), backoff.after(1, () -> 0.999999999));
    assertEquals(Duration.ofSeconds(5), backoff.after(1, () -> 0.0));
    assertEquals(Duration.ofSeconds(80), backoff.after(4, () -> 0.999999999));
    // 10 s × 2^9 = 5120 s > 3600 s: capped.
    assertEquals(Duration.ofHours(1), backoff.after(10, () -> 0.999999999));
    assertEquals(Duration.ofMinutes(30), backoff.after(30, () -> 0.0));
  }

  private static final IntakeSettings.QuietHours NIGHT =
      new IntakeSettings.QuietHours() {
        public LocalTime start() {
          return LocalTime.of(22, 0);
        }

        public LocalTime end() {
          return LocalTime.of(8, 0);
        }

        public ZoneId zone() {
          return ZoneId.of("Asia/Shanghai");
        }
      };

  @Test
  void anUnsolicitedMessageAtNightWaitsForEightOClockBeijingTime() {
    // 23:30 Beijing = 15:30 UTC → 08:00 Beijing next day = 00:00 UTC.
    assertEquals(
        OffsetDateTime.parse("2026-12-09T00:00Z"),
        QuietHours.endOf(OffsetDateTime.parse("2026-12-08T15:30Z"), NIGHT));
    // 06:00 Beijing → 08:00 the same day.
    assertEquals(
        OffsetDateTime.parse("2026-12-08T00:00Z"),
        QuietHours.endOf(OffsetDateTime.parse("2026-12-07T22:00Z"), NIGHT));
    // 14:00 Beijing: not quiet.
    assertEquals(
        OffsetDateTime.parse("2026-12-08T06:00Z"),
        QuietHours.endOf(OffsetDateTime.parse("2026-12-08T06:00Z"), NIGHT));
  }
}
