package io.complaintsuite.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Working time in one time zone: weekly opening hours, public holidays (days off) and make-up
 * working days (调休: a weekend day worked with Monday's hours). Deadline arithmetic walks whole
 * opening intervals, so it is exact to the nanosecond and costs one step per open interval.
 */
public final class BusinessCalendar {
  /** How far a deadline may lie: beyond this the calendar has no working time and we give up. */
  private static final int MAX_DAYS = 3660;

  /** An opening interval in minutes of the local day; {@code close} may be 1440 (midnight). */
  public record Interval(int open, int close) {
    public Interval {
      if (open < 0 || close > 1440 || open >= close) {
        throw new IllegalArgumentException("bad opening interval " + open + "-" + close);
      }
    }
  }

  private final String name;
  private final ZoneId zone;
  private final Map<DayOfWeek, List<Interval>> weekly;
  private final Set<LocalDate> holidays;
  private final Set<LocalDate> makeUpWorkdays;

  public BusinessCalendar(
      String name,
      ZoneId zone,
      Map<DayOfWeek, List<Interval>> weekly,
      Set<LocalDate> holidays,
      Set<LocalDate> makeUpWorkdays) {
    this.name = name;
    this.zone = zone;
    this.weekly = new EnumMap<>(weekly);
    this.holidays = Set.copyOf(holidays);
    this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
    if (this.weekly.values().stream().allMatch(List::isEmpty)) {
      throw new IllegalArgumentException("calendar " + name + " has no opening hours");
    }
  }

  public String name() {
    return name;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The opening intervals of {@code date}: none on a holiday, Monday's on a make-up day. */
  public List<Interval> hoursOn(LocalDate date) {
    if (holidays.contains(date)) {
      return List.of();
    }
    if (makeUpWorkdays.contains(date)) {
      return weekly.getOrDefault(DayOfWeek.MONDAY, List.of());
    }
    return weekly.getOrDefault(date.getDayOfWeek(), List.of());
  }

  private Instant at(LocalDate date, int minuteOfDay) {
    if (minuteOfDay == 1440) {
      return date.plusDays(1).atStartOfDay(zone).toInstant();
    }
    return ZonedDateTime.of(date, LocalTime.ofSecondOfDay(minuteOfDay * 60L), zone).toInstant();
  }

  /**
   * The instant at which {@code duration} of working time has elapsed after {@code start}. A zero
   * duration is due at once, even outside opening hours.
   */
  public Instant deadline(Instant start, Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration");
    }
    if (duration.isZero()) {
      return start;
    }
    Duration remaining = duration;
    LocalDate date = start.atZone(zone).toLocalDate().minusDays(1);
    for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
      for (Interval interval : hoursOn(date)) {
        Instant open = at(date, interval.open());
        Instant close = at(date, interval.close());
        Instant from = open.isBefore(start) ? start : open;
        if (!from.isBefore(close)) {
          continue;
        }
        Duration available = Duration.between(from, close);
        if (remaining.compareTo(available) <= 0) {
          return from.plus(remaining);
        }
        remaining = remaining.minus(available);
      }
    }
    throw new IllegalStateException("calendar " + name + " has no working time ahead");
  }

  /** Working time between {@code from} and {@code to} (zero if {@code to} is not after it). */
  public Duration workingTime(Instant from, Instant to) {
    Duration total = Duration.ZERO;
    if (!to.isAfter(from)) {
      return total;
    }
    LocalDate date = from.atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = to.atZone(zone).toLocalDate();
    for (; !date.isAfter(last); date = date.plusDays(1)) {
      for (Interval interval : hoursOn(date)) {
        Instant open = at(date, interval.open());
        Instant close = at(date, interval.close());
        Instant a = open.isBefore(from) ? from : open;
        Instant b = close.isAfter(to) ? to : close;
        if (a.isBefore(b)) {
          total = total.plus(Duration.between(a, b));
        }
      }
    }
    return total;
  }
}
