package io.complaintsuite.intake.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A circuit per route (a connection, or SMTP): after {@code failures} failures in a row the route
 * is left alone for {@code openFor}, so one dead receiver costs no requests, threads or claims that
 * other receivers need. Then one pass tries again; a failure opens it at once, a success closes it.
 * Per replica, in memory: a restart simply tries again.
 */
@ApplicationScoped
public class Circuits {
  private record State(int failures, Instant openUntil) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();

  public void success(String route) {
    states.remove(route);
  }

  /** Counts a failure; true when it opened the circuit. */
  public boolean failure(String route, Instant now, int threshold, Duration openFor) {
    State after =
        states.compute(
            route,
            (k, s) -> {
              int failures = s == null ? 1 : s.failures() + 1;
              return new State(failures, failures >= threshold ? now.plus(openFor) : null);
            });
    return after.openUntil() != null;
  }

  /** The routes not to call at {@code now}. */
  public Set<String> openAt(Instant now) {
    return states.entrySet().stream()
        .filter(e -> e.getValue().openUntil() != null && e.getValue().openUntil().isAfter(now))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  public int openCount(Instant now) {
    return openAt(now).size();
  }
}
