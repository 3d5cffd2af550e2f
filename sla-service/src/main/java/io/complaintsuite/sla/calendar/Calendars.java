package io.complaintsuite.sla.calendar;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.sla.settings.SlaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The calendars this service knows, loaded once from the resource files named in settings. */
@ApplicationScoped
public class Calendars {
  private final Map<String, BusinessCalendar> byName = new TreeMap<>();

  public Calendars(SlaSettings settings) {
    for (String name : settings.calendars()) {
      BusinessCalendar calendar = load("calendars/" + name + ".cal");
      byName.put(calendar.name(), calendar);
    }
  }

  public static BusinessCalendar load(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no calendar resource " + resource);
      }
      return CalendarFile.read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
    }
  }

  public boolean exists(String name) {
    return byName.containsKey(name);
  }

  public BusinessCalendar get(String name) {
    BusinessCalendar calendar = byName.get(name);
    if (calendar == null) {
      throw ProblemException.notFound("calendar " + name);
    }
    return calendar;
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }
}
