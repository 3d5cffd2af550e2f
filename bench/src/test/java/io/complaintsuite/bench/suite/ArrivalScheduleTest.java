package io.complaintsuite.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void fixedRateDueCountsFollowTheClockNotTheAnswers() {
    long start = 5 * SECOND;
    ArrivalSchedule s = new ArrivalSchedule(start, 500, 2);

    assertEquals(1000, s.total());
    assertEquals(0, s.dueBy(start - 1));
    assertEquals(1, s.dueBy(start), "the first complaint is due at once");
    assertEquals(500, s.dueBy(start + SECOND - 1));
    assertEquals(501, s.dueBy(start + SECOND));
    assertEquals(1000, s.dueBy(start + 60 * SECOND), "never more than the schedule holds");
  }

  @Test
  void arrivalsAreEvenlySpaced() {
    ArrivalSchedule s = new ArrivalSchedule(0, 300, 1);

    assertEquals(300, s.total());
    assertEquals(0, s.scheduledAt(0));
    assertEquals(3_333_333, s.scheduledAt(1));
    assertEquals(SECOND, s.scheduledAt(300));
    assertEquals(SECOND, s.endNanos());
  }

  @Test
  void aLateTickSendsEverythingThatFellDueMeanwhile() {
    ArrivalSchedule s = new ArrivalSchedule(0, 1000, 10);

    // a generator stalled for 250 ms owes 250 sends when it wakes up
    assertEquals(251, s.dueBy(250_000_000L));
  }

  @Test
  void refusesAZeroRate() {
    assertThrows(IllegalArgumentException.class, () -> new ArrivalSchedule(0, 0, 10));
  }
}
