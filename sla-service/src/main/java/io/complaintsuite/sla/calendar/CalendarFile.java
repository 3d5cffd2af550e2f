package io.complaintsuite.sla.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the small line format calendars ship in ({@code calendars/*.cal}): {@code name=}, {@code
 * zone=}, {@code hours=MON-FRI 09:00-12:00,13:00-18:00} (repeatable), {@code holiday=DATE[..DATE]}
 * and {@code workday=DATE}; {@code #} starts a comment.
 */
public final class CalendarFile {
  private CalendarFile() {}

  public static BusinessCalendar read(Reader source) throws IOException {
    String name = null;
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    Map<DayOfWeek, List<BusinessCalendar.Interval>> weekly = new EnumMap<>(DayOfWeek.class);
    Set<LocalDate> holidays = new HashSet<>();
    Set<LocalDate> workdays = new HashSet<>();
    BufferedReader lines = new BufferedReader(source);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IOException("line " + number + ": expected key=value");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      try {
        switch (key) {
          case "name" -> name = value;
          case "zone" -> zone = ZoneId.of(value);
          case "hours" -> hours(value, weekly);
          case "holiday" -> holidays.addAll(dates(value));
          case "workday" -> workdays.addAll(dates(value));
          default -> throw new IOException("unknown key " + key);
        }
      } catch (RuntimeException e) {
        throw new IOException("line " + number + ": " + e.getMessage(), e);
      }
    }
    if (name == null) {
      throw new IOException("calendar without name=");
    }
    return new BusinessCalendar(name, zone, weekly, holidays, workdays);
  }

  private static void hours(String value, Map<DayOfWeek, List<BusinessCalendar.Interval>> weekly) {
    String[] parts = value.split("\\s+", 2);
    String[] days = parts[0].split("-");
    DayOfWeek first = day(days[0]);
    DayOfWeek last = days.length > 1 ? day(days[1]) : first;
    List<BusinessCalendar.Interval> intervals = new ArrayList<>();
    for (String range : parts[1].split(",")) {
      String[] ends = range.strip().split("-");
      intervals.add(new BusinessCalendar.Interval(minutes(ends[0]), minutes(ends[1])));
    }
    for (DayOfWeek d = first; ; d = d.plus(1)) {
      weekly.computeIfAbsent(d, k -> new ArrayList<>()).addAll(intervals);
      weekly.get(d).sort((a, b) -> Integer.compare(a.open(), b.open()));
      if (d == last) {
        break;
      }
    }
  }

  private static DayOfWeek day(String abbreviation) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(abbreviation.toUpperCase())) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown day " + abbreviation);
  }

  private static int minutes(String hhmm) {
    String[] hm = hhmm.split(":");
    return Integer.parseInt(hm[0]) * 60 + Integer.parseInt(hm[1]);
  }

  private static List<LocalDate> dates(String value) {
    String[] ends = value.split("\\.\\.");
    LocalDate from = LocalDate.parse(ends[0].strip());
    LocalDate to = ends.length > 1 ? LocalDate.parse(ends[1].strip()) : from;
    return from.datesUntil(to.plusDays(1)).toList();
  }
}
