package io.complaintsuite.routing.capacity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.problem.ProblemException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent's on-duty hours in the centre's zone: a weekly pattern ({@code weekly}: day {@code
 * mon}..{@code sun} to spans {@code "HH:mm-HH:mm"}, end exclusive, {@code 24:00} allowed as an end;
 * a day not listed is off) and dated exceptions ({@code dates}: ISO date to the spans of that day,
 * {@code []} for a day off such as a public holiday, spans for a 调休 working weekend). A night shift
 * is two spans: {@code "22:00-24:00"} and the next day's {@code "00:00-06:00"}.
 */
public record Schedule(Map<String, List<String>> weekly, Map<String, List<String>> dates) {
  public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SPAN =
      Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-(?:([01]\\d|2[0-3]):([0-5]\\d)|(24):00)");

  /** Whether the schedule has the agent on duty at this local time of the centre. */
  public boolean onDutyAt(LocalDateTime local) {
    LocalDate day = local.toLocalDate();
    List<String> spans =
        dates != null && dates.containsKey(day.toString())
            ? dates.get(day.toString())
            : weekly == null ? null : weekly.get(DAYS.get(day.getDayOfWeek().ordinal()));
    if (spans == null) {
      return false;
    }
    int minute = local.getHour() * 60 + local.getMinute();
    for (String span : spans) {
      int[] fromTo = parse(span);
      if (fromTo != null && fromTo[0] <= minute && minute < fromTo[1]) {
        return true;
      }
    }
    return false;
  }

  /** Minutes of the day [from, to) of a span, null when malformed. */
  private static int[] parse(String span) {
    if (span == null) {
      return null;
    }
    Matcher m = SPAN.matcher(span);
    if (!m.matches()) {
      return null;
    }
    int from = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
    int to =
        m.group(5) != null
            ? 24 * 60
            : Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
    return from < to ? new int[] {from, to} : null;
  }

  /**
   * Checks every field and answers the schedule normalised (days lower case); a mistake is a 400
   * problem naming the field, e.g. {@code schedule.weekly.mon[1]}.
   */
  public static Schedule validated(Schedule s) {
    if (s == null) {
      return null;
    }
    Map<String, List<String>> weekly = new LinkedHashMap<>();
    if (s.weekly() != null) {
      for (Map.Entry<String, List<String>> e : s.weekly().entrySet()) {
        String day = e.getKey() == null ? "" : e.getKey().toLowerCase(Locale.ROOT);
        if (!DAYS.contains(day)) {
          throw ProblemException.badField(
              "schedule.weekly." + e.getKey(), "days are " + String.join(", ", DAYS));
        }
        weekly.put(day, spans("schedule.weekly." + day, e.getValue()));
      }
    }
    Map<String, List<String>> dates = new LinkedHashMap<>();
    if (s.dates() != null) {
      for (Map.Entry<String, List<String>> e : s.dates().entrySet()) {
        try {
          LocalDate.parse(e.getKey());
        } catch (DateTimeException | NullPointerException ex) {
          throw ProblemException.badField(
              "schedule.dates." + e.getKey(), "must be an ISO date like 2026-10-01");
        }
        dates.put(e.getKey(), spans("schedule.dates." + e.getKey(), e.getValue()));
      }
    }
    return new Schedule(weekly, dates);
  }

  private static List<String> spans(String field, List<String> spans) {
    if (spans == null) {
      throw ProblemException.badField(field, "must be a list of spans like \"09:00-18:00\"");
    }
    if (spans.size() > 12) {
      throw ProblemException.badField(field, "at most 12 spans a day");
    }
    for (int i = 0; i < spans.size(); i++) {
      if (parse(spans.get(i)) == null) {
        throw ProblemException.badField(
            field + "[" + i + "]",
            "must be \"HH:mm-HH:mm\" with the start before the end (24:00 may end a day), not "
                + spans.get(i));
      }
    }
    return List.copyOf(spans);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Schedule fromJson(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, Schedule.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored schedule is unreadable: " + json, e);
    }
  }
}
