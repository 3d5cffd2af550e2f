package io.complaintsuite.e2e;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The day journey's own model of the two SLA calendars, written from the State Council's 2026
 * holiday notice by hand (not from sla-service's calendar file or code): {@code cn-business} is
 * Monday to Friday 09:00–12:00 and 13:00–18:00 in Shanghai, minus the holidays, plus the make-up
 * working days (调休) with a Monday's hours; {@code 24x7} is every second. Deliberately naive: it
 * walks the day's two intervals one day at a time.
 */
final class CentreCalendar {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** 中秋 (25–27 Sep) and 国庆 (1–7 Oct) 2026. */
  private static final Set<LocalDate> HOLIDAYS =
      Set.of(
          LocalDate.of(2026, 9, 25),
          LocalDate.of(2026, 9, 26),
          LocalDate.of(2026, 9, 27),
          LocalDate.of(2026, 10, 1),
          LocalDate.of(2026, 10, 2),
          LocalDate.of(2026, 10, 3),
          LocalDate.of(2026, 10, 4),
          LocalDate.of(2026, 10, 5),
          LocalDate.of(2026, 10, 6),
          LocalDate.of(2026, 10, 7));

  /** 调休: Sunday 20 Sep and Saturday 10 Oct are worked. */
  private static final Set<LocalDate> MAKE_UP_DAYS =
      Set.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10));

  private final boolean allDay;

  private CentreCalendar(boolean allDay) {
    this.allDay = allDay;
  }

  static CentreCalendar named(String name) {
    return switch (name) {
      case "24x7" -> new CentreCalendar(true);
      case "cn-business" -> new CentreCalendar(false);
      default -> throw new IllegalArgumentException("the day journey knows no calendar " + name);
    };
  }

  private record Interval(Instant from, Instant to) {}

  private static boolean working(LocalDate day) {
    if (MAKE_UP_DAYS.contains(day)) {
      return true;
    }
    if (HOLIDAYS.contains(day)) {
      return false;
    }
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  private static List<Interval> intervals(LocalDate day) {
    List<Interval> out = new ArrayList<>();
    if (working(day)) {
      out.add(interval(day, LocalTime.of(9, 0), LocalTime.of(12, 0)));
      out.add(interval(day, LocalTime.of(13, 0), LocalTime.of(18, 0)));
    }
    return out;
  }

  private static Interval interval(LocalDate day, LocalTime from, LocalTime to) {
    return new Interval(
        ZonedDateTime.of(day, from, SHANGHAI).toInstant(),
        ZonedDateTime.of(day, to, SHANGHAI).toInstant());
  }

  /** The working time between two instants. */
  Duration workingTime(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (allDay) {
      return Duration.between(from, to);
    }
    Duration total = Duration.ZERO;
    for (LocalDate day = from.atZone(SHANGHAI).toLocalDate();
        !day.isAfter(to.atZone(SHANGHAI).toLocalDate());
        day = day.plusDays(1)) {
      for (Interval i : intervals(day)) {
        Instant a = i.from().isAfter(from) ? i.from() : from;
        Instant b = i.to().isBefore(to) ? i.to() : to;
        if (b.isAfter(a)) {
          total = total.plus(Duration.between(a, b));
        }
      }
    }
    return total;
  }

  /** The instant at which {@code work} of working time has passed from {@code from}. */
  Instant deadline(Instant from, Duration work) {
    if (allDay) {
      return from.plus(work);
    }
    Duration left = work;
    for (LocalDate day = from.atZone(SHANGHAI).toLocalDate(); ; day = day.plusDays(1)) {
      for (Interval i : intervals(day)) {
        if (!i.to().isAfter(from)) {
          continue;
        }
        Instant a = i.from().isAfter(from) ? i.from() : from;
        Duration here = Duration.between(a, i.to());
        if (left.isZero() || here.compareTo(left) >= 0) {
          return a.plus(left);
        }
        left = left.minus(here);
      }
      if (day.isAfter(from.atZone(SHANGHAI).toLocalDate().plusDays(400))) {
        throw new IllegalStateException("no working time within 400 days of " + from);
      }
    }
  }
}
