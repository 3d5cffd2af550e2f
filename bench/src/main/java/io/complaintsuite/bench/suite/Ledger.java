package io.complaintsuite.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the benchmark knows about each complaint it posted, by complaint id: when its POST was sent
 * (and in which phase and minute), when its {@code assignment.created} reached the benchmark, and
 * when its SLA timers were first seen in sla-service's database. The times come from one clock
 * ({@link System#nanoTime()} of this process on the same host as the services).
 */
final class Ledger {
  record Posted(long sentNanos, String phase, int minute) {}

  private final Map<String, Posted> posted = new ConcurrentHashMap<>();
  private final Map<String, Long> assigned = new ConcurrentHashMap<>();
  private final Map<String, Long> timers = new ConcurrentHashMap<>();
  private final Map<String, Long> awaitingTimer = new ConcurrentHashMap<>();

  void posted(String complaintId, long sentNanos, String phase, int minute) {
    posted.put(complaintId, new Posted(sentNanos, phase, minute));
    if (!timers.containsKey(complaintId)) {
      awaitingTimer.put(complaintId, sentNanos);
    }
  }

  void assigned(String complaintId, long atNanos) {
    assigned.putIfAbsent(complaintId, atNanos);
  }

  void timerSeen(String complaintId, long atNanos) {
    timers.putIfAbsent(complaintId, atNanos);
    awaitingTimer.remove(complaintId);
  }

  /** Complaint ids whose timers have not been seen yet, at most {@code limit} of them. */
  List<String> awaitingTimer(int limit) {
    List<String> ids = new ArrayList<>(Math.min(limit, awaitingTimer.size()));
    for (String id : awaitingTimer.keySet()) {
      if (ids.size() >= limit) {
        break;
      }
      ids.add(id);
    }
    return ids;
  }

  int assignmentEvents() {
    return assigned.size();
  }

  /** Posted complaints of a phase (and minute, or any when negative) still without an answer. */
  long outstanding(String phase, boolean timer) {
    Map<String, Long> done = timer ? timers : assigned;
    long n = 0;
    for (Map.Entry<String, Posted> e : posted.entrySet()) {
      if (e.getValue().phase().equals(phase) && !done.containsKey(e.getKey())) {
        n++;
      }
    }
    return n;
  }

  /** Complaint-to-assignment (or to-timer) latencies of one phase, and of its minute when >= 0. */
  Latencies latencies(String phase, int minute, boolean timer) {
    Map<String, Long> done = timer ? timers : assigned;
    Latencies l = new Latencies();
    for (Map.Entry<String, Posted> e : posted.entrySet()) {
      Posted p = e.getValue();
      if (!p.phase().equals(phase) || (minute >= 0 && p.minute() != minute)) {
        continue;
      }
      Long at = done.get(e.getKey());
      if (at == null) {
        l.missing();
      } else {
        l.record(at - p.sentNanos());
      }
    }
    return l;
  }
}
