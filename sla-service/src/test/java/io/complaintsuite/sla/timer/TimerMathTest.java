package io.complaintsuite.sla.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.complaintsuite.sla.calendar.BusinessCalendar;
import io.complaintsuite.sla.calendar.Calendars;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of one timer, without a database. The day journey found deadlines two seconds late
 * after a regrade and a pause: the working time used was kept in whole seconds, each step dropping
 * the fraction. Expected instants are worked out by hand below.
 */
class TimerMathTest {
  private static final BusinessCalendar ALWAYS = Calendars.load("calendars/24x7.cal");
  private static final AlertLadder SETTINGS =
      new AlertLadder(0.8, List.of(java.time.Duration.ofMinutes(30)), List.of("director"));

  @Test
  void pausesAndRegradesKeepTheUsedTimeToTheMillisecond() {
    SlaTimer t = new SlaTimer();
    t.targetMinutes = 2400;
    t.calendar = "24x7";
    // Received 14:00:00.785 (Shanghai 06:00:00.785Z), general: 2,400 minutes.
    TimerMath.start(t, Instant.parse("2026-09-30T06:00:00.785Z"), ALWAYS, SETTINGS);
    // Routing raises it to urgent 0.999 s later: 1,440 minutes, 0.999 s already used.
    TimerMath.regrade(
        t, Instant.parse("2026-09-30T06:00:01.784Z"), ALWAYS, ALWAYS, "24x7", 1440, SETTINGS);
    assertEquals(Instant.parse("2026-10-01T06:00:00.785Z"), t.deadlineAt.toInstant());
    // Waiting for the customer from 06:40:00.580 (2,399.795 s used) to 06:50:00.630.
    TimerMath.pause(t, Instant.parse("2026-09-30T06:40:00.580Z"), ALWAYS);
    TimerMath.resume(t, Instant.parse("2026-09-30T06:50:00.630Z"), ALWAYS, SETTINGS);
    // 24 h after receipt plus the 10 min 0.050 s paused: 2026-10-01T06:10:00.835Z, not 06:10:02.
    assertEquals(Instant.parse("2026-10-01T06:10:00.835Z"), t.deadlineAt.toInstant());
  }
}
