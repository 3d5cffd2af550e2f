package io.complaintsuite.sla.timer;

import io.complaintsuite.sla.alert.AlertKind;
import io.complaintsuite.sla.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The timer's state machine, free of I/O: start, pause, resume, restart, and which alerts are due
 * at an instant. Deadlines are computed on the timer's calendar from the working time left.
 */
public final class TimerMath {
  private TimerMath() {}

  /** An alert the checker must raise: kind warning / breached / escalated. */
  public record Due(
      AlertKind kind, int level, String recipientRole, String recipient, Instant dueAt) {}

  static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  public static void start(SlaTimer t, Instant at, BusinessCalendar calendar, AlertLadder s) {
    t.state = TimerState.RUNNING;
    t.startedAt = utc(at);
    t.consumedMillis = 0;
    t.stage = TimerStage.WARNING;
    t.escalationLevel = 0;
    t.metAt = null;
    resume(t, at, calendar, s);
  }

  /** Working time stops counting (waiting for the customer). */
  public static void pause(SlaTimer t, Instant at, BusinessCalendar calendar) {
    if (t.state != TimerState.RUNNING) {
      return;
    }
    Instant from = t.resumedAt.toInstant();
    if (at.isAfter(from)) {
      t.consumedMillis += calendar.workingTime(from, at).toMillis();
    }
    t.state = TimerState.PAUSED;
    t.nextFireAt = null;
  }

  /** Counting goes on from {@code at} with the working time left. */
  public static void resume(SlaTimer t, Instant at, BusinessCalendar calendar, AlertLadder s) {
    Duration target = Duration.ofMinutes(t.targetMinutes);
    Duration consumed = Duration.ofMillis(t.consumedMillis);
    Duration left = target.minus(consumed);
    t.state = TimerState.RUNNING;
    t.resumedAt = utc(at);
    t.deadlineAt = utc(calendar.deadline(at, left.isNegative() ? Duration.ZERO : left));
    Duration warnAfter =
        Duration.ofMillis((long) (target.toMillis() * s.warningShare)).minus(consumed);
    t.warnAt = utc(calendar.deadline(at, warnAfter.isNegative() ? Duration.ZERO : warnAfter));
    t.nextFireAt = nextFire(t, s);
  }

  /**
   * The complaint changed grade: the open timer moves to the new policy's target and calendar and
   * keeps the working time already elapsed (measured on the old calendar up to {@code at}) and its
   * paused periods, unless that would end later than the deadline already promised: a lowered
   * priority never lengthens a promise, so then the timer keeps its target, calendar and deadline
   * (and this returns false). For a paused timer both ends are compared as if it resumed at {@code
   * at}. The stage is kept, so an alert already raised is not raised again: a timer that already
   * warned owes the breach at the new deadline; one whose elapsed time exceeds the new target is
   * due now.
   */
  public static boolean regrade(
      SlaTimer t,
      Instant at,
      BusinessCalendar oldCalendar,
      BusinessCalendar newCalendar,
      String calendar,
      int targetMinutes,
      AlertLadder s) {
    boolean running = t.state == TimerState.RUNNING;
    long consumed = t.consumedMillis;
    if (running) {
      Instant from = t.resumedAt.toInstant();
      if (at.isAfter(from)) {
        consumed += oldCalendar.workingTime(from, at).toMillis();
      }
    }
    Instant promised =
        running
            ? t.deadlineAt.toInstant()
            : oldCalendar.deadline(at, left(t.targetMinutes, consumed));
    Instant candidate = newCalendar.deadline(at, left(targetMinutes, consumed));
    if (candidate.isAfter(promised)) {
      return false;
    }
    t.consumedMillis = consumed;
    t.calendar = calendar;
    t.targetMinutes = targetMinutes;
    if (running) {
      resume(t, at, newCalendar, s);
    }
    return true;
  }

  private static Duration left(int targetMinutes, long consumedMillis) {
    Duration left = Duration.ofMinutes(targetMinutes).minusMillis(consumedMillis);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The response was given or the complaint resolved: no more alerts. */
  public static void finish(SlaTimer t, TimerState state, Instant at) {
    t.state = state;
    t.metAt = utc(at);
    t.nextFireAt = null;
  }

  static OffsetDateTime nextFire(SlaTimer t, AlertLadder s) {
    return switch (t.stage) {
      case WARNING -> t.warnAt;
      case BREACH -> t.deadlineAt;
      case ESCALATION -> t.deadlineAt.plus(s.escalationDelays.get(t.escalationLevel));
      default -> null;
    };
  }

  /**
   * Advances a running timer to {@code now} and returns the alerts that fell due, oldest first. A
   * warning that is overtaken by the breach is not raised: the breach says more.
   */
  public static List<Due> advance(SlaTimer t, Instant now, AlertLadder s) {
    List<Due> due = new ArrayList<>();
    while (t.state == TimerState.RUNNING
        && t.nextFireAt != null
        && !t.nextFireAt.toInstant().isAfter(now)) {
      Instant at = t.nextFireAt.toInstant();
      switch (t.stage) {
        case WARNING -> {
          if (t.deadlineAt.toInstant().isAfter(now)) {
            due.add(new Due(AlertKind.WARNING, 0, "agent", t.agent, at));
          }
          t.stage = TimerStage.BREACH;
        }
        case BREACH -> {
          due.add(new Due(AlertKind.BREACHED, 0, "supervisor", t.department, at));
          t.stage = s.escalationDelays.isEmpty() ? TimerStage.DONE : TimerStage.ESCALATION;
          t.escalationLevel = 0;
        }
        case ESCALATION -> {
          int level = t.escalationLevel;
          due.add(
              new Due(
                  AlertKind.ESCALATED,
                  level + 1,
                  s.escalationRecipients.get(level),
                  t.department,
                  at));
          t.escalationLevel = level + 1;
          if (t.escalationLevel >= s.escalationDelays.size()) {
            t.stage = TimerStage.DONE;
          }
        }
        default -> t.stage = TimerStage.DONE;
      }
      t.nextFireAt = nextFire(t, s);
    }
    return due;
  }
}
